// A merchant's orders room for one of their stalls: new and changed orders (order:* events).
import { ownsStall } from "../../app/models/authorization.server";
import { getChatStall } from "../../app/models/chat.server";
import { rooms } from "../../app/realtime/events";
import type { SocketContext } from "./context";

export function registerMerchantHandlers({ handle, join, fail, notFound, t, currentUser, socket }: SocketContext) {
  handle("merchant:join", async ({ stallId }) => {
    const user = await currentUser();
    const stall = await getChatStall(stallId);
    if (!stall) return notFound();
    if (!ownsStall(user.id, stall)) return fail("FORBIDDEN", t("live.error.onlyMerchantOrders"));
    await join(rooms.merchant(stallId));
    return { stallId };
  });

  handle("merchant:leave", async ({ stallId }) => {
    await socket.leave(rooms.merchant(stallId));
    return null;
  });
}
