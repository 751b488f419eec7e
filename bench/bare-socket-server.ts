// The baseline of bench/scheduler-lateness.ts: a bare Socket.IO server (no app, no database) with
// the app's room names and event shape. `GET /schedule?open=<ms>&close=<ms>` arms two timers
// that emit session:opened, then session:closed, once to every market room at those instants.
// Prints "BARE_URL=<url>" once listening. Run pinned to one core by bench/lib.ts.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import type { SessionTransitionEvent } from "../app/realtime/events";

const httpServer = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://bare.invalid");
  const open = Number(url.searchParams.get("open"));
  const close = Number(url.searchParams.get("close"));
  if (url.pathname !== "/schedule" || !open || !close) {
    res.writeHead(404).end();
    return;
  }
  setTimeout(() => announce(true, open, close), open - Date.now());
  setTimeout(() => announce(false, close, null), close - Date.now());
  res.writeHead(204).end();
});

const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 16 * 1024 });

io.on("connection", (socket) => {
  socket.on("market:join", (payload: { marketId?: unknown }, ack: unknown) => {
    if (typeof ack !== "function" || typeof payload?.marketId !== "string") return;
    void socket.join(`market:${payload.marketId}`);
    ack({ ok: true, data: { marketId: payload.marketId, open: false, nextTransitionAt: null, closure: null } });
  });
});

function announce(open: boolean, at: number, next: number | null) {
  const announcedAt = new Date().toISOString();
  for (const room of io.of("/").adapter.rooms.keys()) {
    if (!room.startsWith("market:")) continue;
    const event: SessionTransitionEvent = {
      marketId: room.slice("market:".length),
      open,
      at: new Date(at).toISOString(),
      announcedAt,
      sessionId: null,
      cause: "SCHEDULE",
      nextTransitionAt: next === null ? null : new Date(next).toISOString(),
      closure: null,
    };
    io.to(room).emit(open ? "session:opened" : "session:closed", event);
  }
}

httpServer.listen(0, "127.0.0.1", () => {
  console.log(`BARE_URL=http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
});
process.once("SIGTERM", () => {
  io.close();
  process.exit(0);
});
