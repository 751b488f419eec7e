// The rules of an order's message thread that the browser needs too (app/models/order-messages.server.ts
// holds the reads and the writes): who a side is called, and when the other side is e-mailed.

/** The side of a thread a user is on: the order's buyer, or the stall's owner. */
export type ThreadSide = "buyer" | "stall";

/** A message's length once trimmed, in characters. */
export const ORDER_MESSAGE_MAX_LENGTH = 1000;

/** While one side's messages go unanswered, the other is e-mailed at most once in this time. */
export const THREAD_EMAIL_QUIET_MS = 10 * 60_000;

/** What the merchant calls the buyer ("Écrire à Camille"): the first word of their name. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

type Sent = { fromBuyer: boolean; createdAt: Date };

/**
 * Whether the last of `thread` (oldest first) e-mails the other side. Derived from the thread
 * alone, so nothing else is stored: the first message of a side's run (since the other side last
 * wrote) is e-mailed, then the next one written at least THREAD_EMAIL_QUIET_MS after the last
 * e-mailed one, and so on. An answer starts a new run.
 */
export function emailsOtherSide(thread: Sent[]): boolean {
  const last = thread.at(-1);
  if (!last) return false;
  let emailedAt: number | null = null;
  let emailed = false;
  for (const message of thread) {
    if (message.fromBuyer !== last.fromBuyer) {
      emailedAt = null;
      continue;
    }
    const at = message.createdAt.getTime();
    emailed = emailedAt === null || at - emailedAt >= THREAD_EMAIL_QUIET_MS;
    if (emailed) emailedAt = at;
  }
  return emailed;
}
