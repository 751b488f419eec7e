// Each instance keeps short memos of hot public reads (the stall page, the chat's stall and
// openness: app/utils/read-cache.server.ts, app/models/chat.server.ts), dropped at once by any
// catalogue write made in this process (db.server's catalogue version). With several instances,
// a write on one must drop the others' memos too, or a product renamed on A stays old on B's
// pages until the memo expires. This tells them, through the Socket.IO adapter's inter-server
// messages (Redis pub/sub): "catalogue:changed", at most once per interval however many writes.
import { dropPublicPageMemos, onCatalogueWrite } from "../app/utils/db.server";
import type { ChaletIo } from "./realtime";

/** Writes within this window share one announcement; it is sent at the window's end. */
export const CATALOGUE_ANNOUNCE_MS = 100;

/**
 * True while this process drops its memos on another instance's word. Per process, not per
 * server: servers started in one process (tests) share the memos and the listeners, and one
 * that announced what it had just heard from the other would start an endless exchange.
 */
let hearing = false;

export function announceCatalogueChanges(io: ChaletIo, options: { intervalMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? CATALOGUE_ANNOUNCE_MS;
  let timer: NodeJS.Timeout | null = null;
  const send = () => {
    timer = null;
    io.serverSideEmit("catalogue:changed");
  };
  // Sent at the end of the window, not at its start: a write's version moves before and after
  // it, and inside a transaction before its commit; an instance told at the first move would read
  // the old rows again and keep them. The window lets the commit land first.
  const stopListening = onCatalogueWrite(() => {
    if (hearing || timer) return;
    timer = setTimeout(send, intervalMs);
    timer.unref();
  });

  /** Another instance wrote: drop this process's memos, without announcing it back. */
  const heard = () => {
    hearing = true;
    try {
      dropPublicPageMemos();
    } finally {
      hearing = false;
    }
  };
  io.on("catalogue:changed", heard);

  return {
    heard,
    /** Stops listening; an announcement still waiting leaves now. */
    close() {
      stopListening();
      if (timer) {
        clearTimeout(timer);
        send();
      }
    },
  };
}
