// Chat moderation: deleting messages, muting authors in a market, reports for the organisers.
// Every function here checks its actor itself and broadcasts its own news (chat:deleted,
// chat:muted) after its write: the socket handlers and the organisers' console both call them.
import { broadcast } from "~/realtime/broadcast.server";
import { CHAT_MUTE_MINUTES, rooms } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { canModerateStall, isMarketModerator, ownsStall, sellsInMarket } from "./authorization.server";
import { chatMutesChanged } from "./chat.server";
import type { PublicUser } from "./user.server";

export type ChatForbiddenReason = "notModerator" | "self" | "organiser" | "merchant" | "notOwner";
export class ChatForbiddenError extends Error {
  /** Why, so a caller can say it in the visitor's language. */
  constructor(
    message: string,
    readonly reason: ChatForbiddenReason = "notModerator",
  ) {
    super(message);
  }
}
export class ChatNotFoundError extends Error {}

const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";

/** A message with its stall, or ChatNotFoundError. */
async function messageWithStall(messageId: number) {
  const message = await db.chatMessage.findUnique({
    where: { id: messageId },
    select: {
      id: true,
      authorId: true,
      deletedAt: true,
      stall: { select: { id: true, ownerId: true, marketId: true } },
    },
  });
  if (!message) throw new ChatNotFoundError(`No chat message ${messageId}`);
  return message;
}

/** Soft-deletes and broadcasts chat:deleted. Throws ChatForbiddenError / ChatNotFoundError. */
export async function deleteChatMessage(
  actor: Pick<PublicUser, "id">,
  messageId: number,
  now: Date,
): Promise<{ stallId: string; messageId: number }> {
  const message = await messageWithStall(messageId);
  if (!(await canModerateStall(actor.id, message.stall))) throw new ChatForbiddenError("Not a moderator here");
  // Conditional: a second deletion (two moderators, a retry) keeps the first one's record.
  await db.chatMessage.updateMany({
    where: { id: messageId, deletedAt: null },
    data: { deletedAt: now, deletedById: actor.id },
  });
  const event = { stallId: message.stall.id, messageId };
  // The room, and the merchant's inbox preview wherever they are.
  broadcast([rooms.stall(message.stall.id), rooms.user(message.stall.ownerId)], "chat:deleted", event);
  return event;
}

/** Mutes the message's author in the message's market until now + minutes; tells them (chat:muted). */
export async function muteChatAuthor(
  actor: Pick<PublicUser, "id">,
  messageId: number,
  minutes: number,
  now: Date,
): Promise<{ marketId: string; userId: string; until: Date }> {
  if (!Number.isInteger(minutes) || minutes < CHAT_MUTE_MINUTES.min || minutes > CHAT_MUTE_MINUTES.max) {
    throw new RangeError(`A mute lasts ${CHAT_MUTE_MINUTES.min} to ${CHAT_MUTE_MINUTES.max} minutes`);
  }
  const message = await messageWithStall(messageId);
  const { marketId } = message.stall;
  const userId = message.authorId;
  if (userId === actor.id) throw new ChatForbiddenError("Nobody mutes themselves", "self");
  // The town's team (organisers and moderators) moderates the whole market.
  const actorOnTeam = await isMarketModerator(actor.id, marketId);
  if (!actorOnTeam && !ownsStall(actor.id, message.stall)) throw new ChatForbiddenError("Not a moderator here");
  if (await isMarketModerator(userId, marketId))
    throw new ChatForbiddenError("The town's team cannot be muted", "organiser");
  // A mute covers the whole market: a merchant muting a competitor who once wrote in their room
  // would silence that competitor's own stall. Only the town's team may mute a merchant.
  if (!actorOnTeam && (await sellsInMarket(userId, marketId)))
    throw new ChatForbiddenError("Only organisers mute a merchant", "merchant");
  const until = new Date(now.getTime() + minutes * 60_000);
  await db.chatMute.create({ data: { marketId, userId, until, createdById: actor.id, createdAt: now } });
  chatMutesChanged();
  broadcast([rooms.user(userId)], "chat:muted", { marketId, until: until.toISOString() });
  return { marketId, userId, until };
}

/** Until when the user is muted in the market, or null. */
export async function getActiveMute(marketId: string, userId: string, now: Date): Promise<Date | null> {
  const mute = await db.chatMute.findFirst({
    where: { marketId, userId, until: { gt: now } },
    orderBy: { until: "desc" },
    select: { until: true },
  });
  return mute?.until ?? null;
}

/** Any account; the same reporter reporting the same message again changes nothing. */
export async function reportChatMessage(
  reporter: Pick<PublicUser, "id">,
  messageId: number,
  reason: string,
  now: Date,
): Promise<void> {
  await messageWithStall(messageId);
  try {
    await db.chatReport.create({
      data: { messageId, reporterId: reporter.id, reason: reason.trim().slice(0, 200), createdAt: now },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

export type ChatReportRow = {
  /** One row per reported message, with every open report on it. */
  messageId: number;
  body: string;
  deleted: boolean;
  createdAt: Date;
  author: { id: string; name: string; mutedUntil: Date | null };
  stall: { id: string; name: string; slug: string };
  reports: { id: string; reason: string; createdAt: Date; reporter: { name: string } }[];
};

/**
 * Unresolved reports of a market's stall rooms, newest first (by their latest report). The caller
 * checked the organiser. At most 200 messages.
 */
export async function listChatReports(marketId: string, now: Date): Promise<ChatReportRow[]> {
  const messages = await db.chatMessage.findMany({
    where: { stall: { marketId }, reports: { some: { resolvedAt: null } } },
    select: {
      id: true,
      body: true,
      deletedAt: true,
      createdAt: true,
      author: { select: { id: true, name: true } },
      stall: { select: { id: true, name: true, slug: true } },
      reports: {
        where: { resolvedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true, reason: true, createdAt: true, reporter: { select: { name: true } } },
      },
    },
    take: 200,
    orderBy: { id: "desc" },
  });
  const authorIds = [...new Set(messages.map((m) => m.author.id))];
  const mutes = authorIds.length
    ? await db.chatMute.findMany({
        where: { marketId, userId: { in: authorIds }, until: { gt: now } },
        select: { userId: true, until: true },
      })
    : [];
  const mutedUntil = new Map<string, Date>();
  for (const mute of mutes) {
    const known = mutedUntil.get(mute.userId);
    if (!known || mute.until > known) mutedUntil.set(mute.userId, mute.until);
  }
  const latest = (m: (typeof messages)[number]) => m.reports[0]?.createdAt.getTime() ?? 0;
  return messages
    .sort((a, b) => latest(b) - latest(a) || b.id - a.id)
    .map((m) => ({
      messageId: m.id,
      body: m.body,
      deleted: m.deletedAt !== null,
      createdAt: m.createdAt,
      author: { ...m.author, mutedUntil: mutedUntil.get(m.author.id) ?? null },
      stall: m.stall,
      reports: m.reports,
    }));
}

/**
 * Marks every open report on the message resolved (after a deletion, a mute or a dismissal).
 * Only an organiser or moderator of the market's town, and only for a message of that market (ChatForbiddenError /
 * ChatNotFoundError). Answers how many reports it resolved.
 */
export async function resolveChatReports(
  actor: Pick<PublicUser, "id">,
  marketId: string,
  messageId: number,
  now: Date,
): Promise<number> {
  if (!(await isMarketModerator(actor.id, marketId))) throw new ChatForbiddenError("Not on this town's team");
  const message = await messageWithStall(messageId);
  if (message.stall.marketId !== marketId) throw new ChatNotFoundError(`No chat message ${messageId} here`);
  const { count } = await db.chatReport.updateMany({
    where: { messageId, resolvedAt: null },
    data: { resolvedAt: now, resolvedById: actor.id },
  });
  return count;
}
