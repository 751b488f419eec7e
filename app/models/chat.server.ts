// Stall chat. A message is stored before it is acknowledged or broadcast, and only while the
// stall's market is open for business (chatGate): the rule is enforced here, not in the page.
// Message ids are a sequence, so "after id N" is exactly what a reconnecting client missed.
import { CHAT_CATCH_UP_LIMIT, CHAT_PAGE_SIZE, type ChatAuthor, type ChatMessageDto } from "~/realtime/events";
import { catalogueVersion, db, preparedQuery } from "~/utils/db.server";
import { chatAuthorName } from "./chat-name";
import { getMarketOpenness, requireMarketOpen, type MarketOpenness } from "./market-schedule.server";

export type ChatStall = {
  id: string;
  marketId: string;
  ownerId: string;
  /** The market's timezone: instants told to visitors (a mute's end) are shown in it. */
  timezone: string;
};

/**
 * Cached reads for the hot path (every chat:send asks them). An entry is served only while
 * `version()` has not moved since it was read (catalogueVersion moves at every catalogue write in
 * this process, and when another instance tells us it wrote the schedule), for at most `ttlMs`,
 * which bounds how long a write by a process that tells nobody (a script) goes unseen, and while
 * `usable` accepts it. The entry is the read itself, pending or done: the messages arriving while
 * a key is read wait for that one query. Without this, under load each of them read it again,
 * which slowed every read further (docs/benchmarks.md, chat on PostgreSQL).
 */
function versionedCache<V>(ttlMs: number, version: () => number, maxEntries = 5000) {
  let entries = new Map<string, { value: Promise<V>; version: number; readAt: number }>();
  return {
    async get(key: string, read: () => Promise<V>, usable: (value: V) => boolean = () => true): Promise<V> {
      const hit = entries.get(key);
      if (hit && hit.version === version() && performance.now() - hit.readAt < ttlMs) {
        const value = await hit.value;
        if (usable(value)) return value;
      }
      // The version seen before the read: a write during the read makes it stale for the next caller.
      const entry = { value: read(), version: version(), readAt: performance.now() };
      if (entries.size >= maxEntries) entries = new Map();
      entries.set(key, entry);
      entry.value.catch(() => entries.get(key) === entry && entries.delete(key));
      return entry.value;
    },
    clear() {
      entries = new Map();
    },
  };
}

const STALL_TTL_MS = 5_000;
const stallCache = versionedCache<ChatStall | null>(STALL_TTL_MS, catalogueVersion);

/** An approved stall of a published market, with what the chat room needs to know. */
export function getChatStall(stallId: string): Promise<ChatStall | null> {
  return stallCache.get(stallId, async () => {
    const row = await db.stall.findFirst({
      where: { id: stallId, status: "APPROVED", market: { status: "PUBLISHED" } },
      select: { id: true, marketId: true, ownerId: true, market: { select: { timezone: true } } },
    });
    return row && { id: row.id, marketId: row.marketId, ownerId: row.ownerId, timezone: row.market.timezone };
  });
}

// Whether a market is open changes only at its nextTransitionAt or when its schedule is written
// (a catalogue write, here or announced by another instance): between the two the answer read
// once stands. The entry is bounded by the clock on both sides (a test clock may go back), and
// the instant of nextTransitionAt itself is never served from the cache: at the closing instant
// the market is read again and found closed.
const OPENNESS_TTL_MS = 5_000;
type Openness = { status: MarketOpenness | null; from: number; until: number };
const opennessCache = versionedCache<Openness>(OPENNESS_TTL_MS, catalogueVersion);

/** getMarketOpenness, memoised until the market's next transition or the next schedule write. */
export async function getChatMarketOpenness(marketId: string, now: Date): Promise<MarketOpenness | null> {
  const t = now.getTime();
  const read = async (): Promise<Openness> => {
    const status = await getMarketOpenness(marketId, now);
    const until = status?.nextTransitionAt ? Date.parse(status.nextTransitionAt) : Number.POSITIVE_INFINITY;
    return { status, from: t, until };
  };
  // An unknown market is read again each time, as it may be created any moment.
  return (await opennessCache.get(marketId, read, (hit) => hit.status !== null && hit.from <= t && t < hit.until))
    .status;
}

// Active mutes per market, so a message costs no query for them. Every mute written in this
// process (muteChatAuthor, from a socket or the console) ends the memo at once, and another
// instance's mute when that instance says so through the adapter (server/realtime.ts); a mute no
// one announced (a script) is seen within MUTES_TTL_MS.
const MUTES_TTL_MS = 2_000;
const muteListeners = new Set<() => void>();
let muteVersion = 0;
const mutesCache = versionedCache<{ until: Map<string, number>; loadedFor: number }>(MUTES_TTL_MS, () => muteVersion);

/** A mute was written by this process: forget the memo, and let listeners tell other instances. */
export function chatMutesChanged(): void {
  muteVersion++;
  for (const listener of muteListeners) listener();
}

/** Another instance wrote a mute. */
export function chatMutesChangedElsewhere(): void {
  muteVersion++;
}

/** Calls `listener` after each mute written by this process; returns the function that removes it. */
export function onChatMutesChanged(listener: () => void): () => void {
  muteListeners.add(listener);
  return () => muteListeners.delete(listener);
}

/** Until when the user is muted in the market at `now`, or null. */
export async function getChatMute(marketId: string, userId: string, now: Date): Promise<Date | null> {
  const t = now.getTime();
  const read = async () => {
    const rows = await db.chatMute.findMany({
      where: { marketId, until: { gt: now } },
      select: { userId: true, until: true },
    });
    const until = new Map<string, number>();
    for (const row of rows) until.set(row.userId, Math.max(until.get(row.userId) ?? 0, row.until.getTime()));
    return { until, loadedFor: t };
  };
  // Loaded for an earlier instant only: a clock set back could find a mute the load left out.
  const entry = await mutesCache.get(marketId, read, (hit) => t >= hit.loadedFor);
  const end = entry.until.get(userId);
  return end !== undefined && end > t ? new Date(end) : null;
}

/** For tests that change the database behind the server's back. */
export function clearChatCaches() {
  stallCache.clear();
  opennessCache.clear();
  mutesCache.clear();
}

export const chatMessageSelect = {
  id: true,
  stallId: true,
  body: true,
  clientKey: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} as const;

type ChatMessageRow = {
  id: number;
  stallId: string;
  body: string;
  clientKey: string | null;
  createdAt: Date;
  author: { id: string; name: string };
};

/**
 * A chat author as every chat payload names them (messages, history, the inbox, typing): the
 * public name (chatAuthorName: a visitor's first name and initial), and whether they are the
 * stall's merchant.
 */
export function chatAuthor(user: { id: string; name: string }, ownerId: string): ChatAuthor {
  const isMerchant = user.id === ownerId;
  return { id: user.id, name: chatAuthorName(user.name, isMerchant), isMerchant };
}

export function toChatMessageDto(row: ChatMessageRow, ownerId: string): ChatMessageDto {
  return {
    id: row.id,
    stallId: row.stallId,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    author: chatAuthor(row.author, ownerId),
    clientKey: row.clientKey,
  };
}

export class ChatMutedError extends Error {
  constructor(readonly until: Date) {
    super("muted");
  }
}

/** The author already used this clientKey for a message in another stall: a client's bug, not a resend. */
export class ChatKeyReusedError extends Error {}
/** A resend of a message a moderator has since deleted: the sender must not show it as sent. */
export class ChatMessageDeletedError extends Error {}

/** The message this author already stored with this key, if any. */
export async function findChatMessageByKey(
  stall: Pick<ChatStall, "id" | "ownerId">,
  authorId: string,
  clientKey: string,
): Promise<ChatMessageDto | null> {
  const row = await db.chatMessage.findUnique({
    where: { authorId_clientKey: { authorId, clientKey } },
    select: { ...chatMessageSelect, deletedAt: true },
  });
  // A key is the author's, whatever the stall; resending it to another stall is not that message.
  if (!row || row.stallId !== stall.id) return null;
  if (row.deletedAt) throw new ChatMessageDeletedError(`message ${row.id} was deleted`);
  return toChatMessageDto(row, stall.ownerId);
}

/**
 * Whoever may not write may not look as if they were writing either (chat:send and chat:typing):
 * throws MarketClosedError unless the stall's market is open for business, and answers until when
 * the author is muted in it (null: not muted). Both are memoised: this costs no query mostly.
 */
export async function chatGate(stall: ChatStall, authorId: string, now: Date): Promise<Date | null> {
  const [status, mutedUntil] = await Promise.all([
    getChatMarketOpenness(stall.marketId, now),
    getChatMute(stall.marketId, authorId, now),
  ]);
  requireMarketOpen(status, stall.marketId);
  return mutedUntil;
}

/**
 * Stores a message. Throws MarketClosedError while the market is closed, ChatMutedError while the
 * author is muted in it. With a clientKey already used by this author, answers the stored message
 * with `duplicate: true` (nothing new is written; the caller does not broadcast it again).
 */
export async function storeChatMessage(
  stall: ChatStall,
  author: { id: string; name: string },
  body: string,
  now: Date,
  clientKey?: string,
): Promise<{ message: ChatMessageDto; duplicate: boolean }> {
  const mutedUntil = await chatGate(stall, author.id, now);
  if (mutedUntil) throw new ChatMutedError(mutedUntil);
  // The hot write of the chat, one prepared statement: through Prisma it costs several times more
  // CPU (docs/benchmarks.md, chat). A key this author already used inserts nothing: a resend, or
  // two sends of one key racing.
  const key = clientKey ?? null;
  const [row] = await preparedQuery<{ id: number }>(
    "chat-insert",
    `INSERT INTO "ChatMessage" ("stallId", "authorId", "body", "clientKey", "createdAt")
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("authorId", "clientKey") DO NOTHING
     RETURNING "id"`,
    [stall.id, author.id, body, key, now],
  );
  if (row) {
    const message = { id: row.id, stallId: stall.id, body, clientKey: key, createdAt: now, author };
    return { message: toChatMessageDto(message, stall.ownerId), duplicate: false };
  }
  const stored = clientKey ? await findChatMessageByKey(stall, author.id, clientKey) : null;
  if (stored) return { message: stored, duplicate: true };
  throw new ChatKeyReusedError(`clientKey ${clientKey} was used in another stall`);
}

/** Kept for callers of the first chat: stores and answers the message (no key). */
export async function postChatMessage(
  stall: ChatStall,
  author: { id: string; name: string },
  body: string,
  now: Date,
): Promise<ChatMessageDto> {
  return (await storeChatMessage(stall, author, body, now)).message;
}

export type ChatHistoryQuery = { before?: number; after?: number; from?: number; to?: number };

/**
 * Deleted messages are never returned. Neither before nor after: the last CHAT_PAGE_SIZE.
 * before: the CHAT_PAGE_SIZE older ones. after: up to CHAT_CATCH_UP_LIMIT newer ones, oldest
 * first, and with `from`, the ids in [from, max(after, to)] deleted since (the client shows those:
 * `to` reaches the live messages it shows past `after`).
 */
export async function getChatHistory(
  stall: Pick<ChatStall, "id" | "ownerId">,
  query: ChatHistoryQuery,
): Promise<{ messages: ChatMessageDto[]; more: boolean; deletedIds: number[] }> {
  const toDto = (row: ChatMessageRow) => toChatMessageDto(row, stall.ownerId);
  if (query.after !== undefined) {
    const after = query.after;
    const [rows, deleted] = await Promise.all([
      db.chatMessage.findMany({
        where: { stallId: stall.id, id: { gt: after }, deletedAt: null },
        orderBy: { id: "asc" },
        take: CHAT_CATCH_UP_LIMIT + 1,
        select: chatMessageSelect,
      }),
      query.from !== undefined && query.from <= Math.max(after, query.to ?? after)
        ? db.chatMessage.findMany({
            where: {
              stallId: stall.id,
              id: { gte: query.from, lte: Math.max(after, query.to ?? after) },
              deletedAt: { not: null },
            },
            orderBy: { id: "asc" },
            take: 1000,
            select: { id: true },
          })
        : Promise.resolve([]),
    ]);
    const more = rows.length > CHAT_CATCH_UP_LIMIT;
    return {
      messages: rows.slice(0, CHAT_CATCH_UP_LIMIT).map(toDto),
      more,
      deletedIds: deleted.map((d) => d.id),
    };
  }
  const rows = await db.chatMessage.findMany({
    where: {
      stallId: stall.id,
      deletedAt: null,
      ...(query.before !== undefined ? { id: { lt: query.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: CHAT_PAGE_SIZE + 1,
    select: chatMessageSelect,
  });
  const more = rows.length > CHAT_PAGE_SIZE;
  return { messages: rows.slice(0, CHAT_PAGE_SIZE).reverse().map(toDto), more, deletedIds: [] };
}

/** The ids of the stalls a user owns, whatever their status: presence follows the merchant. */
export async function listOwnedStallIds(userId: string): Promise<string[]> {
  const stalls = await db.stall.findMany({ where: { ownerId: userId }, select: { id: true } });
  return stalls.map((s) => s.id);
}
