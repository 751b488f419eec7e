// Leader election on the shared database: one row per job, held by one instance until it stops
// renewing: a conditional update (it waits for a concurrent one's row lock, then sees its
// result), then an insert that the primary key decides.
import { db } from "../app/utils/db.server";
import { isUniqueViolation } from "../app/models/user.server";

/** Takes or renews the lease; true when `holder` holds it until now + ttlMs. */
export async function acquireLease(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await db.schedulerLease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lte: now } }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await db.schedulerLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Gives the lease up at once, so a standby need not wait for it to expire. */
export async function releaseLease(name: string, holder: string): Promise<void> {
  await db.schedulerLease.updateMany({ where: { name, holder }, data: { expiresAt: new Date(0) } });
}
