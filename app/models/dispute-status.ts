// A dispute's statuses as Stripe names them, and which of them are settled: the one list the
// dispute model and the transfers' hold (stall-transfer.server.ts) read. Pure, no database.

/** Stripe's statuses after which a dispute is settled (an inquiry closes as warning_closed). */
export const CLOSED_DISPUTE_STATUSES = ["won", "lost", "warning_closed", "prevented"] as const;

/** The evidence is with the bank: past "needs response", not settled yet. */
export const UNDER_REVIEW_DISPUTE_STATUSES = ["under_review", "warning_under_review"] as const;

export function isDisputeClosed(status: string): boolean {
  return (CLOSED_DISPUTE_STATUSES as readonly string[]).includes(status);
}
