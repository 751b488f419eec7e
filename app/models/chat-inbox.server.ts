// The merchant's side of the chat: what is unread in their stall rooms, and the email when a
// visitor waits while they are away.
// CONTRACT STUB written by the lead; the chat-server helper implements it.
import type { ChatMessageDto } from "~/realtime/events";

export type InboxRow = {
  stall: { id: string; name: string; slug: string; market: { id: string; name: string; slug: string } };
  /** Visitors' messages after the merchant's last read, deleted ones excepted. */
  unread: number;
  lastReadId: number;
  /** The newest message (anyone's), or null for an empty room. */
  last: ChatMessageDto | null;
};

/** Every stall the user owns (approved or not), busiest first: unread, then newest message. */
export async function listMerchantInbox(_ownerId: string): Promise<InboxRow[]> {
  throw new Error("not implemented");
}

/** Moves the read mark forward only; broadcasts chat:read to the owner's other tabs. */
export async function markChatRead(
  _ownerId: string,
  _stallId: string,
  _lastReadId: number,
): Promise<{ stallId: string; unread: number }> {
  throw new Error("not implemented");
}
