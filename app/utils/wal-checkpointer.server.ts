// WAL checkpoints mostly off the event loop. SQLite copies the write-ahead log back into the
// database file (and syncs both) on the commit that takes the log past wal_autocheckpoint pages
// (1,000): on the connection that commits, so in Node on the event loop, 20 to 70 ms on this
// project's disks under load, and every request waiting then waits for it too. A worker thread
// with its own connection copies the log every INTERVAL_MS, so that checkpoint finds most of the
// work done. It cannot replace it: while writes keep coming, a checkpoint from another
// connection never reaches the end of the log, and only a checkpoint with no writer running
// lets the log start over (it grew to the limit, 80 MB, when the app's connection was left only
// a 20,000-page backstop, and that checkpoint stalled everything).
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const INTERVAL_MS = 200;

// CommonJS, evaluated in the worker: a separate file would not survive the Remix build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
let failures = 0;
const timer = setInterval(() => {
  try {
    // PASSIVE: copies what no reader still needs, never waits for or blocks a writer.
    db.pragma("wal_checkpoint(PASSIVE)");
    failures = 0;
  } catch (error) {
    // Busy (another process checkpointing) or a passing I/O error: the next tick tries again.
    if (++failures === 25) parentPort.postMessage(String(error && error.message));
  }
}, workerData.intervalMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); process.exit(0); });
`;

export type Checkpointer = { stop(): Promise<void> };

/**
 * Starts checkpointing `file` (an SQLite file in WAL mode) every INTERVAL_MS in a worker thread
 * that never keeps the process alive. `onFailure` is called when the worker dies or keeps
 * failing (the connections' own checkpoints then do all the work, as without it).
 */
export function startWalCheckpointer(file: string, onFailure: (reason: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: INTERVAL_MS } });
  let stopped = false;
  // Kept: a worker that has already died never emits "exit" again, and stop() must not wait for it.
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("message", (message: string) => onFailure(`WAL checkpoints keep failing: ${message}`));
  worker.on("error", (error) => onFailure(`WAL checkpointer died: ${error.message}`));
  worker.on("exit", (code) => {
    if (!stopped && code !== 0) onFailure(`WAL checkpointer exited with ${code}`);
  });
  // After the listeners: adding a "message" listener refs the worker again.
  worker.unref();
  return {
    async stop() {
      stopped = true;
      worker.postMessage("stop");
      await exited;
    },
  };
}
