// Presence: each stall's count is computed from every instance's sockets (fetchSockets goes
// through the adapter) at most once per PRESENCE_COALESCE_MS after something happened there.
// It is told even when this instance told the same count last time: another instance may have
// told a different one since, so "unchanged" is not something one instance can know.
import { getChatStall, type ChatStall } from "../../app/models/chat.server";
import { ownsStall } from "../../app/models/authorization.server";
import { rooms, type ChatPresence } from "../../app/realtime/events";
import type { ChaletIo, SocketData } from "./context";
import { realTimers, type Timers } from "../../app/utils/timers";
import type { BackgroundWork } from "./background-work";

/** Presence changes (joins, leaves, the merchant coming and going) are told at most this often per stall. */
export const PRESENCE_COALESCE_MS = 500;

export type Presence = {
  /** Something changed in the stall's room: its count is told within PRESENCE_COALESCE_MS. */
  schedule(stallId: string): void;
  /** What a join answers. */
  forJoin(stall: ChatStall): Promise<ChatPresence>;
  /** No count is scheduled any more (the server closes). */
  close(): void;
};

/** Whether any socket is in `room` on this instance: no round trip to the others. */
export function isHere(io: ChaletIo, room: string): boolean {
  return Boolean(io.of("/").adapter.rooms.get(room)?.size);
}

/** Whether any socket is in `room` on any instance: this one first, then every instance asked. */
export async function anyoneIn(io: ChaletIo, room: string): Promise<boolean> {
  return isHere(io, room) || (await io.in(room).fetchSockets()).length > 0;
}

/** A stall's count from the sockets in its room: each account once (not its merchant), each anonymous socket. */
function countPresence(
  stall: ChatStall,
  inRoom: readonly { id: string; data: Pick<SocketData, "user"> }[],
  merchantOnline: boolean,
): ChatPresence {
  const visitors = new Set<string>();
  for (const s of inRoom) {
    const userId = s.data.user?.id;
    // Anonymous sockets are counted apart from accounts, each on its own.
    if (!userId) visitors.add(`socket:${s.id}`);
    else if (!ownsStall(userId, stall)) visitors.add(userId);
  }
  return { stallId: stall.id, visitors: visitors.size, merchantOnline };
}

export function createPresence(io: ChaletIo, options: { timers?: Timers; work: BackgroundWork }): Presence {
  const { work } = options;
  const timers = options.timers ?? realTimers;
  const scheduled = new Map<string, { handle: unknown; end: () => void }>();
  /** The last count told per stall with anyone in it: what a join answers without a new count. */
  const lastPresence = new Map<string, ChatPresence>();
  let closed = false;

  async function compute(stall: ChatStall): Promise<ChatPresence> {
    const [inRoom, merchantOnline] = await Promise.all([
      io.in(rooms.stall(stall.id)).fetchSockets(),
      anyoneIn(io, rooms.user(stall.ownerId)),
    ]);
    return countPresence(stall, inRoom, merchantOnline);
  }

  async function tell(stallId: string) {
    const stall = await getChatStall(stallId);
    if (!stall) return;
    const presence = await compute(stall);
    if (isHere(io, rooms.stall(stallId))) lastPresence.set(stallId, presence);
    else lastPresence.delete(stallId);
    io.to(rooms.stall(stallId)).emit("presence:count", presence);
  }

  return {
    schedule(stallId) {
      if (closed || scheduled.has(stallId)) return;
      // Counted as background work from now: a test waiting for the server to be idle waits for the count.
      const end = work.begin();
      const handle = timers.set(() => {
        scheduled.delete(stallId);
        if (closed) return end();
        work.run(`presence of stall ${stallId}`, () => tell(stallId));
        end();
      }, PRESENCE_COALESCE_MS);
      scheduled.set(stallId, { handle, end });
    },

    /**
     * The count told last (at most PRESENCE_COALESCE_MS old, and the join schedules a new one),
     * else a count now. Counting asks every instance; when one does not answer (a deploy), the
     * join still succeeds with this instance's count and the next one corrects it.
     */
    async forJoin(stall) {
      const known = lastPresence.get(stall.id);
      if (known) return known;
      try {
        return await compute(stall);
      } catch (error) {
        console.error(`presence of stall ${stall.id}: counting across instances failed:`, error);
        const local = io.of("/").adapter.rooms.get(rooms.stall(stall.id)) ?? [];
        const sockets = [...local].flatMap((id) => io.of("/").sockets.get(id) ?? []);
        return countPresence(stall, sockets, isHere(io, rooms.user(stall.ownerId)));
      }
    },

    close() {
      closed = true;
      for (const { handle, end } of scheduled.values()) {
        timers.clear(handle);
        end();
      }
      scheduled.clear();
    },
  };
}
