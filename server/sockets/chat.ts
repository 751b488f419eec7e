// A stall's chat room: joining it (with its presence), its history, writing, typing, read marks.
import { canModerateStall, ownsStall } from "../../app/models/authorization.server";
import {
  ChatKeyReusedError,
  ChatMutedError,
  chatAuthor,
  chatGate,
  findChatMessageByKey,
  getChatHistory,
  getChatStall,
  storeChatMessage,
} from "../../app/models/chat.server";
import { markChatRead, notifyOfflineMerchant } from "../../app/models/chat-inbox.server";
import { getActiveMute } from "../../app/models/chat-moderation.server";
import { MarketClosedError } from "../../app/models/market-schedule.server";
import { rooms } from "../../app/realtime/events";
import { hitRateLimit, refundRateLimit } from "../../app/utils/rate-limit.server";
import type { ChaletIo, SocketContext } from "./context";
import { anyoneIn, isHere, type Presence } from "./presence";
import type { BackgroundWork } from "./background-work";

/** A socket's typing is forwarded at most once per this interval (of the injected clock). */
export const TYPING_INTERVAL_MS = 2_000;

export type ChatDeps = {
  io: ChaletIo;
  now: () => Date;
  presence: Presence;
  /** Where the offline merchant's email runs, after the visitor's answer. */
  work: BackgroundWork;
};

export function registerChatHandlers(context: SocketContext, deps: ChatDeps) {
  const { socket, handle, join, fail, notFound, t, currentUser, formatInstant } = context;
  const { io, now, presence, work } = deps;
  const stallOrNotFound = async (stallId: string) => (await getChatStall(stallId)) ?? notFound();
  let lastTypingAt = Number.NEGATIVE_INFINITY;

  handle("stall:join", async ({ stallId }) => {
    const stall = await stallOrNotFound(stallId);
    await join(rooms.stall(stallId));
    presence.schedule(stallId);
    const { user } = socket.data;
    const [count, canModerate, mutedUntil] = await Promise.all([
      presence.forJoin(stall),
      user ? canModerateStall(user.id, stall) : false,
      user ? getActiveMute(stall.marketId, user.id, now()) : null,
    ]);
    return {
      stallId,
      marketId: stall.marketId,
      presence: count,
      you: {
        userId: user?.id ?? null,
        isMerchant: user !== null && ownsStall(user.id, stall),
        canModerate,
        mutedUntil: mutedUntil?.toISOString() ?? null,
      },
    };
  });

  handle("stall:leave", async ({ stallId }) => {
    if (socket.rooms.has(rooms.stall(stallId))) {
      await socket.leave(rooms.stall(stallId));
      presence.schedule(stallId);
    }
    return null;
  });

  handle("chat:history", async ({ stallId, before, after, from, to }) =>
    getChatHistory(await stallOrNotFound(stallId), { before, after, from, to }),
  );

  handle("chat:send", async ({ stallId, body, clientKey }) => {
    const user = await currentUser();
    /** A resend of a message already stored answers it, whatever would refuse a new one. */
    const stored = async () => {
      if (!clientKey) return null;
      const stall = await getChatStall(stallId);
      return stall && findChatMessageByKey(stall, user.id, clientKey);
    };
    // Keyed by the user, not the socket: opening more tabs does not let anyone write faster.
    // Every attempt counts, before the stall is read, so a flood costs no more queries.
    const wait = await hitRateLimit("chat", user.id);
    if (wait !== null) {
      const already = await stored();
      if (already) return already;
      return fail(
        "RATE_LIMITED",
        wait === 1 ? t("live.error.chatRateLimitedOne") : t("live.error.chatRateLimited", { seconds: wait }),
      );
    }
    const stall = await stallOrNotFound(stallId);
    let result;
    try {
      result = await storeChatMessage(stall, user, body, now(), clientKey);
    } catch (error) {
      const already = error instanceof ChatMutedError || error instanceof MarketClosedError ? await stored() : null;
      if (already) {
        await refundRateLimit("chat", user.id);
        return already;
      }
      if (error instanceof ChatMutedError) {
        return fail("MUTED", t("live.error.muted", { until: formatInstant(error.until, stall.timezone) }));
      }
      if (error instanceof ChatKeyReusedError) {
        return fail("BAD_REQUEST", t("live.error.badRequest", { detail: "clientKey: already used in another stall" }));
      }
      throw error;
    }
    const { message, duplicate } = result;
    if (duplicate) {
      // Not a new message: it neither counts against the limit nor is told twice.
      await refundRateLimit("chat", user.id);
      return message;
    }
    // One emit to both rooms: a socket in both (the merchant on their own stall) hears it once.
    io.to([rooms.stall(stallId), rooms.user(stall.ownerId)]).emit("chat:message", message);
    // A merchant with a page open on this instance is online: no need to ask further.
    if (!ownsStall(user.id, stall) && !isHere(io, rooms.user(stall.ownerId))) {
      // The visitor's answer does not wait for the merchant's email.
      const at = now();
      // Asked when the notice is due, not memoised: a merchant who just closed their last tab
      // elsewhere must get the email for the next message.
      work.run(`chat: the offline notice for stall ${stall.id}`, () =>
        notifyOfflineMerchant(stall.id, message, at, () => anyoneIn(io, rooms.user(stall.ownerId))),
      );
    }
    return message;
  });

  handle("chat:typing", async ({ stallId }) => {
    if (!socket.data.user) return fail("UNAUTHENTICATED", t("live.error.unauthenticated"));
    if (!socket.rooms.has(rooms.stall(stallId))) return fail("FORBIDDEN", t("live.error.joinFirst"));
    const at = now().getTime();
    // Accepted but not forwarded within the interval (a clock set back starts it again).
    if (at >= lastTypingAt && at - lastTypingAt < TYPING_INTERVAL_MS) return null;
    lastTypingAt = at;
    // Whoever may not write may not look as if they were writing: a reset session, a muted
    // author, a closed market. The openness and the mutes are memoised: this costs one query.
    const user = await currentUser();
    const stall = await stallOrNotFound(stallId);
    const mutedUntil = await chatGate(stall, user.id, now());
    if (mutedUntil) return fail("MUTED", t("live.error.muted", { until: formatInstant(mutedUntil, stall.timezone) }));
    socket.to(rooms.stall(stallId)).emit("chat:typing", {
      stallId,
      author: chatAuthor(user, stall.ownerId),
    });
    return null;
  });

  handle("chat:read", async ({ stallId, lastReadId }) => markChatRead((await currentUser()).id, stallId, lastReadId));
}
