// The merchant's side of the chat: what is unread in their stall rooms, and the email when a
// visitor waits while they are away.
import { createTranslator, isLocale } from "~/i18n";
import { broadcast } from "~/realtime/broadcast.server";
import { rooms, type ChatMessageDto } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { sendEmail } from "~/utils/mailer.server";
import { stallOwnerAccess } from "./authorization.server";
import { chatMessageSelect, toChatMessageDto } from "./chat.server";
import { ChatForbiddenError, ChatNotFoundError } from "./chat-moderation.server";

export type InboxRow = {
  stall: { id: string; name: string; slug: string; market: { id: string; name: string; slug: string } };
  /** Visitors' messages after the merchant's last read, deleted ones excepted. */
  unread: number;
  lastReadId: number;
  /** The newest message (anyone's), or null for an empty room. */
  last: ChatMessageDto | null;
};

/** Visitors' messages (not the owner's, not deleted) after the mark. */
function countUnread(stallId: string, ownerId: string, lastReadId: number) {
  return db.chatMessage.count({
    where: { stallId, id: { gt: lastReadId }, authorId: { not: ownerId }, deletedAt: null },
  });
}

/** Every stall the user owns (approved or not), busiest first: unread, then newest message. */
export async function listMerchantInbox(ownerId: string): Promise<InboxRow[]> {
  const stalls = await db.stall.findMany({
    where: { ownerId },
    select: {
      id: true,
      name: true,
      slug: true,
      market: { select: { id: true, name: true, slug: true } },
      chatReads: { where: { userId: ownerId }, select: { lastReadId: true } },
    },
  });
  const rows = await Promise.all(
    stalls.map(async ({ chatReads, ...stall }): Promise<InboxRow> => {
      const lastReadId = chatReads[0]?.lastReadId ?? 0;
      const [unread, last] = await Promise.all([
        countUnread(stall.id, ownerId, lastReadId),
        db.chatMessage.findFirst({
          where: { stallId: stall.id, deletedAt: null },
          orderBy: { id: "desc" },
          select: chatMessageSelect,
        }),
      ]);
      return { stall, unread, lastReadId, last: last && toChatMessageDto(last, ownerId) };
    }),
  );
  return rows.sort((a, b) => b.unread - a.unread || (b.last?.id ?? 0) - (a.last?.id ?? 0));
}

/**
 * Moves the read mark forward only (never past the room's newest message); broadcasts chat:read
 * to the owner's other tabs. Throws ChatNotFoundError for an unknown stall and ChatForbiddenError
 * for anyone but its owner.
 */
export async function markChatRead(
  ownerId: string,
  stallId: string,
  lastReadId: number,
): Promise<{ stallId: string; unread: number }> {
  const access = await stallOwnerAccess(ownerId, stallId);
  if (access === "notFound") throw new ChatNotFoundError(`No stall ${stallId}`);
  if (access === "forbidden") throw new ChatForbiddenError("Only the stall's merchant reads its room", "notOwner");
  // A mark beyond the newest message would hide the next visitors' messages.
  const newest = await db.chatMessage.findFirst({
    where: { stallId, id: { lte: lastReadId } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  const mark = newest?.id ?? 0;
  // Forward only, with conditional writes: two tabs racing keep the larger mark.
  const moved = await db.chatRead.updateMany({
    where: { userId: ownerId, stallId, lastReadId: { lt: mark } },
    data: { lastReadId: mark },
  });
  if (moved.count === 0) {
    try {
      await db.chatRead.create({ data: { userId: ownerId, stallId, lastReadId: mark } });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // P2003: the stall was deleted since it was read above.
      if (code === "P2003") throw new ChatNotFoundError(`No stall ${stallId}`);
      if (code !== "P2002") throw error;
    }
  }
  const read = await db.chatRead.findUniqueOrThrow({
    where: { userId_stallId: { userId: ownerId, stallId } },
    select: { lastReadId: true },
  });
  const unread = await countUnread(stallId, ownerId, read.lastReadId);
  broadcast([rooms.user(ownerId)], "chat:read", { stallId, lastReadId: read.lastReadId });
  return { stallId, unread };
}

// ---------------------------------------------------------------------------------------------
// "A visitor is waiting": at most one email per stall per CHAT_NOTICE_INTERVAL_MS, decided by a
// conditional write on ChatNotice so two instances can never both send.

export const CHAT_NOTICE_INTERVAL_MS = 15 * 60_000;

/** The last notice this process knows of per stall: spares a read per message while it is recent. */
const knownNotices = new Map<string, number>();
const noticeIsRecent = (emailedAt: number, now: Date) => emailedAt > now.getTime() - CHAT_NOTICE_INTERVAL_MS;

/** Claims the stall's notice for `now`: true when this caller may send the email. */
export async function claimChatNotice(stallId: string, now: Date): Promise<boolean> {
  const { count } = await db.chatNotice.updateMany({
    where: { stallId, emailedAt: { lte: new Date(now.getTime() - CHAT_NOTICE_INTERVAL_MS) } },
    data: { emailedAt: now },
  });
  if (count === 1) return true;
  try {
    await db.chatNotice.create({ data: { stallId, emailedAt: now } });
    return true;
  } catch (error) {
    // It exists and is recent (or another instance created it just now).
    if ((error as { code?: unknown }).code === "P2002") return false;
    throw error;
  }
}

function rememberNotice(stallId: string, emailedAt: number) {
  if (knownNotices.size >= 10_000) knownNotices.clear();
  knownNotices.set(stallId, emailedAt);
}

/** Where the merchant answers: the stall page's chat. */
export function chatLink(marketSlug: string, stallSlug: string): string {
  const path = `/m/${encodeURIComponent(marketSlug)}/${encodeURIComponent(stallSlug)}#chat`;
  // Emails are read elsewhere: never a link built from a request's Host (see url.server.ts).
  return new URL(path, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).href;
}

/**
 * Emails the stall's merchant that a visitor wrote, unless one was sent for this stall in the
 * last 15 minutes or `isOnline` finds them on the site. Returns whether an email was sent.
 * The caller does not wait for it (the visitor's answer must not), and logs failures.
 */
export async function notifyOfflineMerchant(
  stallId: string,
  message: Pick<ChatMessageDto, "body" | "author">,
  now: Date,
  isOnline: () => Promise<boolean>,
): Promise<boolean> {
  const known = knownNotices.get(stallId);
  // A test clock may go back: only a notice from the past counts as recent.
  if (known !== undefined && known <= now.getTime() && noticeIsRecent(known, now)) return false;
  const notice = await db.chatNotice.findUnique({ where: { stallId }, select: { emailedAt: true } });
  if (notice && noticeIsRecent(notice.emailedAt.getTime(), now)) {
    rememberNotice(stallId, notice.emailedAt.getTime());
    return false;
  }
  if (await isOnline()) return false;
  if (!(await claimChatNotice(stallId, now))) return false;
  rememberNotice(stallId, now.getTime());
  const stall = await db.stall.findUniqueOrThrow({
    where: { id: stallId },
    select: {
      name: true,
      slug: true,
      market: { select: { name: true, slug: true } },
      owner: { select: { email: true, name: true, locale: true } },
    },
  });
  const t = createTranslator(isLocale(stall.owner.locale) ? stall.owner.locale : "fr");
  const link = chatLink(stall.market.slug, stall.slug);
  const excerpt = message.body.length > 200 ? `${message.body.slice(0, 199)}…` : message.body;
  const vars = { name: stall.owner.name, stall: stall.name, market: stall.market.name, author: message.author.name };
  await sendEmail({
    to: stall.owner.email,
    subject: t("live.chat.email.subject", vars),
    text: [
      t("live.chat.email.greeting", vars),
      "",
      t("live.chat.email.intro", vars),
      "",
      `> ${excerpt.replace(/\n/g, "\n> ")}`,
      "",
      t("live.chat.email.answer", vars),
      link,
      "",
      t("live.chat.email.footer"),
    ].join("\n"),
  });
  return true;
}
