// A stall's chat room for a component: the store (stall-chat-store.ts) made once per room,
// connected while the component is mounted, read with useSyncExternalStore. The server renders
// the room as it is before any answer (connecting, no messages).
import { useEffect, useMemo, useSyncExternalStore } from "react";
import { initialChatRoom, type ChatRoom } from "./chat-room";
import { createStallChatStore, type StallChatActions } from "./stall-chat-store";

export type { ChatConnection } from "./chat-room";

export type StallChat = ChatRoom & StallChatActions;

export type StallChatOptions = {
  stallId: string;
  /** The page's user (the root loader's), null for an anonymous visitor. */
  userId: string | null;
  /** Shown when an answer never comes. */
  timeoutMessage: string;
};

const serverSnapshot = () => initialChatRoom;

export function useStallChat({ stallId, userId, timeoutMessage }: StallChatOptions): StallChat {
  const store = useMemo(() => createStallChatStore({ stallId }), [stallId]);
  // Read when needed, like refs: a log-in or a language switch keeps the room and its queue.
  store.setViewer({ userId, timeoutMessage });
  useEffect(() => store.connect(), [store]);
  const room = useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot);
  return { ...room, ...store.actions };
}
