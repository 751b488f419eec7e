// Moderating a stall's chat: who may is decided by the models (chat-moderation.server.ts, on
// authorization.server.ts), whose refusals the shared plumbing turns into FORBIDDEN / NOT_FOUND.
import { deleteChatMessage, muteChatAuthor, reportChatMessage } from "../../app/models/chat-moderation.server";
import type { SocketContext } from "./context";

export function registerModerationHandlers({ handle, currentUser }: SocketContext, deps: { now: () => Date }) {
  handle("chat:delete", async ({ messageId }) => deleteChatMessage(await currentUser(), messageId, deps.now()));

  handle("chat:mute", async ({ messageId, minutes }) => {
    const mute = await muteChatAuthor(await currentUser(), messageId, minutes, deps.now());
    return { ...mute, until: mute.until.toISOString() };
  });

  handle("chat:report", async ({ messageId, reason }) => {
    await reportChatMessage(await currentUser(), messageId, reason ?? "", deps.now());
    return null;
  });
}
