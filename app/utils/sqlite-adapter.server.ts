// Prisma's better-sqlite3 adapter runs every query on one SQLite connection. It orders
// transactions among themselves, but a query made outside any transaction runs on that same
// connection, so inside whatever transaction is open at that moment: it reads rows not yet
// committed, and its writes are undone if that transaction rolls back (a chat message or a stock
// change lost to someone else's failed checkout). This wrapper makes such queries wait until no
// transaction is open or starting. Transactions are a few milliseconds, so the wait is short.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/** A value a direct statement accepts; Dates are stored the way Prisma stores them. */
export type SqlValue = string | number | boolean | null | Date;

/**
 * One statement on the adapter's own connection, outside transactions like every other query,
 * prepared once and kept: for the few statements that run hundreds of times a second, where
 * Prisma's per-call work (its client runtime, and the adapter preparing the SQL again each time)
 * costs several times the statement itself. Integers come back as numbers.
 */
export type DirectSql = <Row>(sql: string, params: SqlValue[]) => Promise<Row[]>;

/**
 * The statements of one direct transaction: run at once, synchronously, on the adapter's
 * connection, each SQL text prepared once and kept. Values as for `DirectSql`.
 */
export type DirectStatements = {
  /** The rows of a statement that returns some (SELECT, … RETURNING). */
  all<Row>(sql: string, params: SqlValue[]): Row[];
  /** A statement that returns no rows; how many rows it changed. */
  run(sql: string, params: SqlValue[]): number;
  /** Runs `work` inside a savepoint: if it throws, what it wrote is undone and the error goes on. */
  savepoint<T>(work: () => T): T;
};

/**
 * BEGIN IMMEDIATE, `work`, COMMIT on the adapter's connection, once no transaction is open,
 * like a query outside transactions; ROLLBACK if `work` or the COMMIT throws. `work` must be
 * synchronous: nothing else can run on the connection between BEGIN and COMMIT, so no Prisma
 * query ever lands inside it. For hot paths whose statements each cost more through Prisma than
 * in SQLite (the reservation batch).
 */
export type DirectTransaction = <T>(work: (sql: DirectStatements) => T) => Promise<T>;

// The adapter keeps its better-sqlite3 connection in a field its types do not declare.
type WithClient = { client: BetterSqlite3.Database };

const toSqlite = (value: SqlValue) =>
  value instanceof Date
    ? value.toISOString().replace("Z", "+00:00")
    : typeof value === "boolean"
      ? Number(value)
      : value;

const fromSqlite = (row: Record<string, unknown>) => {
  for (const key in row) if (typeof row[key] === "bigint") row[key] = Number(row[key]);
  return row;
};

type Direct = { direct: DirectSql; directTransaction: DirectTransaction };

function gateTransactions(adapter: Adapter): Adapter & Direct {
  let active = 0;
  let idle: Promise<void> = Promise.resolve();
  let wakeWaiters = () => {};
  const enter = () => {
    if (active++ === 0) idle = new Promise((resolve) => (wakeWaiters = resolve));
  };
  const leave = () => {
    if (--active === 0) wakeWaiters();
  };
  // Queries waiting for the transactions to end go before the transactions asked for after
  // them: otherwise, while one transaction is always queued behind another, they never run.
  let waiting = 0;
  let waitersDone: Promise<void> = Promise.resolve();
  let wakeTransactions = () => {};
  const outsideTransactions =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (active > 0) {
        if (waiting++ === 0) waitersDone = new Promise((resolve) => (wakeTransactions = resolve));
        try {
          while (active > 0) await idle;
        } finally {
          if (--waiting === 0) wakeTransactions();
        }
      }
      // Called at once, with no await in between: the adapter runs the statement synchronously.
      return run(...args);
    };

  const startTransaction = adapter.startTransaction.bind(adapter);
  // Counted from before BEGIN: a query slipping in between BEGIN and the count would run inside.
  adapter.startTransaction = async (isolationLevel) => {
    while (waiting > 0) await waitersDone;
    enter();
    let transaction;
    try {
      transaction = await startTransaction(isolationLevel);
    } catch (error) {
      leave();
      throw error;
    }
    let ended = false;
    // Once only: the adapter's commit and rollback release its lock, and a second release would
    // let two transactions in at once.
    const end =
      <A extends unknown[]>(finish: (...args: A) => Promise<void>) =>
      async (...args: A) => {
        if (ended) return;
        ended = true;
        try {
          await finish(...args);
        } finally {
          leave();
        }
      };
    transaction.commit = end(transaction.commit.bind(transaction));
    transaction.rollback = end(transaction.rollback.bind(transaction));
    // Prisma ends a transaction by sending COMMIT or ROLLBACK, then calls commit() or rollback();
    // when that statement fails it calls neither, and the adapter's lock and this gate would stay
    // taken: every later query would wait forever. It fails when SQLite has already undone the
    // transaction (after a disk-full or I/O error) or when a deferred constraint fails at COMMIT,
    // which leaves the transaction open: roll back what is left, then end it.
    const executeRaw = transaction.executeRaw.bind(transaction);
    transaction.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        if (query.sql === "COMMIT" || query.sql === "ROLLBACK") {
          if (query.sql === "COMMIT") await executeRaw({ ...query, sql: "ROLLBACK" }).catch(() => undefined);
          await transaction.rollback();
        }
        throw error;
      }
    };
    return transaction;
  };
  adapter.queryRaw = outsideTransactions(adapter.queryRaw.bind(adapter));
  adapter.executeRaw = outsideTransactions(adapter.executeRaw.bind(adapter));

  const client = (adapter as unknown as WithClient).client;
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = client.prepare(sql);
      // A fixed set of SQL texts in the code: the map cannot grow with the input.
      statements.set(sql, statement);
    }
    return statement;
  };
  const all = <Row>(sql: string, params: SqlValue[]) =>
    (prepared(sql).all(params.map(toSqlite)) as Record<string, unknown>[]).map(fromSqlite) as Row[];
  const run = (sql: string, params: SqlValue[]) => prepared(sql).run(params.map(toSqlite)).changes;
  const runDirect = async (sql: string, params: SqlValue[]) => {
    if (!prepared(sql).reader) {
      run(sql, params);
      return [];
    }
    return all(sql, params);
  };
  const direct = outsideTransactions(runDirect) as DirectSql;

  let depth = 0;
  const savepoint = <T>(work: () => T): T => {
    // One name per depth: a fixed set of texts, and nested savepoints stay distinct.
    const name = `direct_${depth}`;
    run(`SAVEPOINT ${name}`, []);
    depth++;
    try {
      const result = work();
      run(`RELEASE ${name}`, []);
      return result;
    } catch (error) {
      run(`ROLLBACK TO ${name}`, []);
      run(`RELEASE ${name}`, []);
      throw error;
    } finally {
      depth--;
    }
  };
  const sql: DirectStatements = { all, run, savepoint };
  const transact = async <T>(work: (sql: DirectStatements) => T): Promise<T> => {
    // IMMEDIATE: the write lock is taken (or waited for, busy_timeout) at BEGIN, never halfway
    // through when another process on the same file writes too.
    run("BEGIN IMMEDIATE", []);
    try {
      const result = work(sql);
      if (result instanceof Promise) {
        // Its statements after the first await would run outside, or inside someone else's.
        result.catch(() => undefined);
        throw new TypeError("directTransaction: the work must be synchronous");
      }
      run("COMMIT", []);
      return result;
    } catch (error) {
      // A failed COMMIT (a deferred foreign key) leaves the transaction open; SQLite may also
      // have undone it already (disk full): roll back only what is left.
      if (client.inTransaction) run("ROLLBACK", []);
      throw error;
    } finally {
      depth = 0;
    }
  };
  const directTransaction = outsideTransactions(transact) as DirectTransaction;
  return Object.assign(adapter, { direct, directTransaction });
}

/**
 * The better-sqlite3 adapter factory, with queries outside transactions kept outside them, and
 * `direct` statements and transactions on the connection it opened (they wait until Prisma has
 * connected).
 */
export function createSqliteAdapter(url: string): PrismaBetterSQLite3 & Direct {
  const factory = new PrismaBetterSQLite3({ url });
  const connect = factory.connect.bind(factory);
  let connected!: (adapter: Direct) => void;
  let current = new Promise<Direct>((resolve) => (connected = resolve));
  factory.connect = async () => {
    const adapter = gateTransactions(await connect());
    connected(adapter);
    current = Promise.resolve(adapter);
    return adapter;
  };
  const direct: DirectSql = async (sql, params) => (await current).direct(sql, params);
  const directTransaction: DirectTransaction = async (work) => (await current).directTransaction(work);
  return Object.assign(factory, { direct, directTransaction });
}
