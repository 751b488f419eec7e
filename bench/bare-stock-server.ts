// The baseline of bench/stock-fanout.ts: a bare Socket.IO server (no app, no database) with the
// app's room names, event shape and coalescing (the same stock-coalescer.ts): market:join joins
// `market:<id>`, and each stock change is a counter bumped in memory, then coalesced and emitted
// as stock:updated like the app's. Prints "STOCK_URLS=<socket url>,<control url>". Run pinned
// to one core by bench/lib.ts.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { createStockCoalescer } from "../app/realtime/stock-coalescer";
import { createStockControl, wallClock } from "./stock-control";

const httpServer = createServer((_req, res) => res.writeHead(404).end());
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 16 * 1024 });

io.on("connection", (socket) => {
  socket.on("market:join", (payload: { marketId?: unknown }, ack: unknown) => {
    if (typeof ack !== "function" || typeof payload?.marketId !== "string") return;
    void socket.join(`market:${payload.marketId}`);
    (ack as (answer: unknown) => void)({
      ok: true,
      data: { marketId: payload.marketId, open: true, nextTransitionAt: null, closure: null },
    });
  });
});

const coalescer = createStockCoalescer({
  emit: (to, event) => {
    const at = wallClock();
    io.to(to).emit("stock:updated", event);
    control.sent(event, at);
  },
});
const levels = new Map<string, { stock: number; stockVersion: number }>();
const control = createStockControl(async ({ productId, stallId }, delta, marketId) => {
  const level = levels.get(productId) ?? { stock: 50_000, stockVersion: 0 };
  const next = { stock: level.stock + delta, stockVersion: level.stockVersion + 1 };
  levels.set(productId, next);
  control.commit(productId, next.stockVersion, wallClock());
  coalescer.add([{ productId, stallId, marketId, ...next }]);
});

const controlUrl = await control.listen();
httpServer.listen(0, "127.0.0.1", () => {
  console.log(`STOCK_URLS=http://127.0.0.1:${(httpServer.address() as AddressInfo).port},${controlUrl}`);
});
process.once("SIGTERM", () => {
  io.close();
  process.exit(0);
});
