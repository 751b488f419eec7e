// The baseline of bench/chat.ts: a bare Socket.IO server (no app, no database, no limits) with
// the app's room names and event shapes. stall:join joins `stall:<id>`; chat:send broadcasts a
// ChatMessageDto (ids from a counter) to the room, then acknowledges it, in the app's order.
// SIGUSR2 prints its memory after a full garbage collection (see bench/serve.ts). Prints
// "BARE_URL=<url>" once listening. Run pinned to one core by bench/lib.ts.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import type { ChatMessageDto } from "../app/realtime/events";
import { reportMemoryOnSignal } from "./memory-signal";

const httpServer = createServer((_req, res) => res.writeHead(404).end());
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 16 * 1024 });
let nextId = 1;

type Answer = (answer: unknown) => void;

io.on("connection", (socket) => {
  socket.on("stall:join", (payload: { stallId?: unknown }, ack: unknown) => {
    if (typeof ack !== "function" || typeof payload?.stallId !== "string") return;
    void socket.join(`stall:${payload.stallId}`);
    (ack as Answer)({
      ok: true,
      data: {
        stallId: payload.stallId,
        marketId: "bare",
        presence: { stallId: payload.stallId, visitors: 0, merchantOnline: false },
        you: { userId: null, canModerate: false, mutedUntil: null },
      },
    });
  });
  socket.on("chat:send", (payload: { stallId?: unknown; body?: unknown; clientKey?: unknown }, ack: unknown) => {
    if (typeof ack !== "function" || typeof payload?.stallId !== "string" || typeof payload.body !== "string") return;
    const message: ChatMessageDto = {
      id: nextId++,
      stallId: payload.stallId,
      body: payload.body.trim(),
      createdAt: new Date().toISOString(),
      author: { id: socket.id, name: "Bare", isMerchant: false },
      clientKey: typeof payload.clientKey === "string" ? payload.clientKey : null,
    };
    io.to(`stall:${payload.stallId}`).emit("chat:message", message);
    (ack as Answer)({ ok: true, data: message });
  });
});

reportMemoryOnSignal();
httpServer.listen(0, "127.0.0.1", () => {
  console.log(`BARE_URL=http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
});
process.once("SIGTERM", () => {
  io.close();
  process.exit(0);
});
