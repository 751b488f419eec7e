// Chat moderation: deleting messages, muting authors in a market, reports for the organisers.
// CONTRACT STUB written by the lead; the chat-server helper implements it (signatures may grow,
// not change, without telling the UI helper).
import type { PublicUser } from "./user.server";

export class ChatForbiddenError extends Error {}
export class ChatNotFoundError extends Error {}

/** The stall's merchant, or an organiser of the town of the stall's market. */
export async function canModerateStall(
  _userId: string,
  _stall: { id: string; ownerId: string; marketId: string },
): Promise<boolean> {
  throw new Error("not implemented");
}

/** Soft-deletes and broadcasts chat:deleted. Throws ChatForbiddenError / ChatNotFoundError. */
export async function deleteChatMessage(
  _actor: Pick<PublicUser, "id">,
  _messageId: number,
  _now: Date,
): Promise<{ stallId: string; messageId: number }> {
  throw new Error("not implemented");
}

/** Mutes the message's author in the message's market until now + minutes; tells them (chat:muted). */
export async function muteChatAuthor(
  _actor: Pick<PublicUser, "id">,
  _messageId: number,
  _minutes: number,
  _now: Date,
): Promise<{ marketId: string; userId: string; until: Date }> {
  throw new Error("not implemented");
}

/** Until when the user is muted in the market, or null. */
export async function getActiveMute(_marketId: string, _userId: string, _now: Date): Promise<Date | null> {
  throw new Error("not implemented");
}

/** Any account; the same reporter reporting the same message again changes nothing. */
export async function reportChatMessage(
  _reporter: Pick<PublicUser, "id">,
  _messageId: number,
  _reason: string,
  _now: Date,
): Promise<void> {
  throw new Error("not implemented");
}

export type ChatReportRow = {
  /** One row per reported message, with every open report on it. */
  messageId: number;
  body: string;
  deleted: boolean;
  createdAt: Date;
  author: { id: string; name: string; mutedUntil: Date | null };
  stall: { id: string; name: string; slug: string };
  reports: { id: string; reason: string; createdAt: Date; reporter: { name: string } }[];
};

/** Unresolved reports of a market's stall rooms, newest first. The caller checked the organiser. */
export async function listChatReports(_marketId: string, _now: Date): Promise<ChatReportRow[]> {
  throw new Error("not implemented");
}

/** Marks every open report on the message resolved (after a deletion, a mute or a dismissal). */
export async function resolveChatReports(
  _actor: Pick<PublicUser, "id">,
  _marketId: string,
  _messageId: number,
  _now: Date,
): Promise<number> {
  throw new Error("not implemented");
}
