// What the merchant's inbox and the organisers' reports page need besides the chat models: the
// count on the console's tab, the check that a reported message belongs to the market whose
// console acts on it, and the facts an inbox row shows about its stall.
import { db } from "~/utils/db.server";

/** Messages of the market's stall rooms with at least one open report: one row each on the page. */
export function countReportedMessages(marketId: string): Promise<number> {
  return db.chatMessage.count({
    where: { stall: { marketId }, reports: { some: { resolvedAt: null } } },
  });
}

/**
 * The message if it was written in one of this market's stall rooms, with its open reports
 * counted; null otherwise, so a console cannot act on another market's message through its own.
 */
export async function findMarketMessage(
  marketId: string,
  messageId: number,
): Promise<{ id: number; deleted: boolean; openReports: number; authorName: string } | null> {
  const message = await db.chatMessage.findFirst({
    where: { id: messageId, stall: { marketId } },
    select: {
      id: true,
      deletedAt: true,
      author: { select: { name: true } },
      _count: { select: { reports: { where: { resolvedAt: null } } } },
    },
  });
  return (
    message && {
      id: message.id,
      deleted: message.deletedAt !== null,
      openReports: message._count.reports,
      authorName: message.author.name,
    }
  );
}

/** Per owned stall: whether visitors can open its page (and so its chat), and its market's timezone. */
export async function inboxStallFacts(ownerId: string): Promise<Map<string, { visible: boolean; timezone: string }>> {
  const stalls = await db.stall.findMany({
    where: { ownerId },
    select: { id: true, status: true, market: { select: { status: true, timezone: true } } },
  });
  return new Map(
    stalls.map((s) => [
      s.id,
      { visible: s.status === "APPROVED" && s.market.status === "PUBLISHED", timezone: s.market.timezone },
    ]),
  );
}
