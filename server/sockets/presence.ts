// Presence: each stall's count is computed from every instance's sockets (fetchSockets goes
// through the adapter) at most once per PRESENCE_COALESCE_MS after something happened there.
// It is told even when this instance told the same count last time: another instance may have
// told a different one since, so "unchanged" is not something one instance can know.
import { getChatStall, type ChatStall } from "../../app/models/chat.server";
import { ownsStall } from "../../app/models/authorization.server";
import { rooms, type ChatPresence } from "../../app/realtime/events";
import type { ChaletIo } from "./context";
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

export function createPresence(io: ChaletIo, options: { timers?: Timers; work: BackgroundWork }): Presence {
  const { work } = options;
  const timers = options.timers ?? realTimers;
  const scheduled = new Map<string, { handle: unknown; end: () => void }>();
  /** The last count told per stall with anyone in it: what a join answers without a new count. */
  const lastPresence = new Map<string, ChatPresence>();
  let closed = false;
  const localRoom = (room: string) => io.of("/").adapter.rooms.get(room);

  async function compute(stall: ChatStall): Promise<ChatPresence> {
    const [inRoom, merchant] = await Promise.all([
      io.in(rooms.stall(stall.id)).fetchSockets(),
      io.in(rooms.user(stall.ownerId)).fetchSockets(),
    ]);
    const accounts = new Set<string>();
    let anonymous = 0;
    for (const s of inRoom) {
      const userId = s.data.user?.id;
      if (!userId) anonymous++;
      else if (!ownsStall(userId, stall)) accounts.add(userId);
    }
    return { stallId: stall.id, visitors: accounts.size + anonymous, merchantOnline: merchant.length > 0 };
  }

  async function tell(stallId: string) {
    const stall = await getChatStall(stallId);
    if (!stall) return;
    const presence = await compute(stall);
    if (localRoom(rooms.stall(stallId))?.size) lastPresence.set(stallId, presence);
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
        const local = [...(localRoom(rooms.stall(stall.id)) ?? [])]
          .map((id) => io.of("/").sockets.get(id)?.data.user?.id ?? id)
          .filter((id) => !ownsStall(id, stall));
        return {
          stallId: stall.id,
          visitors: new Set(local).size,
          merchantOnline: Boolean(localRoom(rooms.user(stall.ownerId))?.size),
        };
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
