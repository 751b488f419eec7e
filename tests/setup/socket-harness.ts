// One domain's socket handlers on a real Socket.IO server of their own, without the app: the
// socket says who it is in its handshake (no cookie, no session), and only the handlers the test
// registers answer. For the tests of server/sockets/*.ts, each alone.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { rooms } from "~/realtime/events";
import { db } from "~/utils/db.server";
import {
  createSocketContext,
  openGate,
  type ChaletIo,
  type EventGate,
  type SocketContext,
} from "../../server/sockets/context";
import type { TestSocket } from "./server";

export type SocketHarness = {
  io: ChaletIo;
  /** A connected socket as the user (anonymous when null). */
  as(userId: string | null): Promise<TestSocket>;
  close(): Promise<void>;
};

export async function startSocketHarness(
  register: (context: SocketContext, io: ChaletIo) => void,
  options: { gate?: EventGate } = {},
): Promise<SocketHarness> {
  const httpServer = createServer();
  const io: ChaletIo = new Server(httpServer, { serveClient: false });
  const open: TestSocket[] = [];
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { userId?: string };
    const user = auth.userId
      ? db.user.findUnique({ where: { id: auth.userId }, select: { id: true, email: true, name: true, locale: true } })
      : Promise.resolve(null);
    user.then(async (found) => {
      Object.assign(socket.data, { user: found, sessionId: null, locale: "en", address: "harness" });
      // As the app does: a signed-in socket is in its user's room (the merchant is online).
      if (found) await socket.join(rooms.user(found.id));
      next();
    }, next);
  });
  io.on("connection", (socket) => {
    const context = createSocketContext(socket, {
      gate: options.gate ?? openGate,
      currentUser: async () => socket.data.user,
    });
    register(context, io);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    io,
    async as(userId) {
      const socket: TestSocket = connect(url, {
        transports: ["websocket"],
        forceNew: true,
        reconnection: false,
        auth: userId ? { userId } : {},
      });
      open.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
      });
      return socket;
    },
    async close() {
      for (const socket of open) socket.disconnect();
      await io.close();
    },
  };
}
