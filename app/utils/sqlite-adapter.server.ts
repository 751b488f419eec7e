// Prisma's better-sqlite3 adapter runs every query on one SQLite connection. It orders
// transactions among themselves, but a query made outside any transaction runs on that same
// connection, so inside whatever transaction is open at that moment: it reads rows not yet
// committed, and its writes are undone if that transaction rolls back (a chat message or a stock
// change lost to someone else's failed checkout). This wrapper makes such queries wait until no
// transaction is open or starting. Transactions are a few milliseconds, so the wait is short.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

function gateTransactions(adapter: Adapter): Adapter {
  let active = 0;
  let idle: Promise<void> = Promise.resolve();
  let wakeWaiters = () => {};
  const enter = () => {
    if (active++ === 0) idle = new Promise((resolve) => (wakeWaiters = resolve));
  };
  const leave = () => {
    if (--active === 0) wakeWaiters();
  };
  const outsideTransactions =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      while (active > 0) await idle;
      return run(...args);
    };

  const startTransaction = adapter.startTransaction.bind(adapter);
  // Counted from before BEGIN: a query slipping in between BEGIN and the count would run inside.
  adapter.startTransaction = async (isolationLevel) => {
    enter();
    let transaction;
    try {
      transaction = await startTransaction(isolationLevel);
    } catch (error) {
      leave();
      throw error;
    }
    let ended = false;
    const end =
      <A extends unknown[]>(finish: (...args: A) => Promise<void>) =>
      async (...args: A) => {
        try {
          await finish(...args);
        } finally {
          if (!ended) {
            ended = true;
            leave();
          }
        }
      };
    transaction.commit = end(transaction.commit.bind(transaction));
    transaction.rollback = end(transaction.rollback.bind(transaction));
    return transaction;
  };
  adapter.queryRaw = outsideTransactions(adapter.queryRaw.bind(adapter));
  adapter.executeRaw = outsideTransactions(adapter.executeRaw.bind(adapter));
  return adapter;
}

/** The better-sqlite3 adapter factory, with queries outside transactions kept outside them. */
export function createSqliteAdapter(url: string): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => gateTransactions(await connect());
  return factory;
}
