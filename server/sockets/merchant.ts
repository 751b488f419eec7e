// A merchant's orders room for one of their stalls: new and changed orders (order:* events).
import { stallOwnerAccess } from "../../app/models/authorization.server";
import { rooms } from "../../app/realtime/events";
import type { SocketContext } from "./context";

export function registerMerchantHandlers({ handle, join, fail, notFound, t, currentUser, socket }: SocketContext) {
  handle("merchant:join", async ({ stallId }) => {
    const user = await currentUser();
    // Whatever the stall's status: a merchant follows their orders before and after approval
    // (the chat's stall read, for approved stalls of published markets only, would refuse them).
    const access = await stallOwnerAccess(user.id, stallId);
    if (access === "notFound") return notFound();
    if (access === "forbidden") return fail("FORBIDDEN", t("live.error.onlyMerchantOrders"));
    await join(rooms.merchant(stallId));
    return { stallId };
  });

  handle("merchant:leave", async ({ stallId }) => {
    await socket.leave(rooms.merchant(stallId));
    return null;
  });
}
