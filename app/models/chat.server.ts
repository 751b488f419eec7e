// Stall chat. A message is stored before it is acknowledged or broadcast, and only while the
// stall's market is open (requireMarketOpen): the rule is enforced here, not in the page.
import type { ChatMessageDto } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { requireMarketOpen } from "./market-schedule.server";

/** An approved stall of a published market, with what the chat room needs to know. */
export function getChatStall(stallId: string) {
  return db.stall.findFirst({
    where: { id: stallId, status: "APPROVED", market: { status: "PUBLISHED" } },
    select: { id: true, marketId: true, ownerId: true },
  });
}

/** Throws MarketClosedError while the market is closed. */
export async function postChatMessage(
  stall: { id: string; marketId: string; ownerId: string },
  author: { id: string; name: string },
  body: string,
  now: Date,
): Promise<ChatMessageDto> {
  await requireMarketOpen(stall.marketId, now);
  const message = await db.chatMessage.create({
    data: { stallId: stall.id, authorId: author.id, body, createdAt: now },
    select: { id: true, createdAt: true },
  });
  return {
    id: message.id,
    stallId: stall.id,
    body,
    createdAt: message.createdAt.toISOString(),
    author: { id: author.id, name: author.name, isMerchant: author.id === stall.ownerId },
    clientKey: null,
  };
}
