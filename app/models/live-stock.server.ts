import { db } from "~/utils/db.server";

/** The market whose room carries a stall's stock news (live-stock pages); null for an unknown stall. */
export async function getStallMarketId(stallId: string): Promise<string | null> {
  const stall = await db.stall.findUnique({ where: { id: stallId }, select: { marketId: true } });
  return stall?.marketId ?? null;
}
