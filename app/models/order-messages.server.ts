// An order's message threads: one per (order, stall), between the order's buyer and the owner of
// a stall that has a line in it, to arrange the pickup. Nobody else reads or writes one: not the
// merchant of another stall of the same order, not the market's organisers (a private exchange;
// they have the order itself). Each side is told of the other's messages by e-mail, which names
// the stall or the buyer's first name and never an address; the flood rule is emailsOtherSide.
import { createTranslator, isLocale } from "~/i18n";
import { broadcast } from "~/realtime/broadcast.server";
import { rooms, type OrderMessageDto } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { sendEmail } from "~/utils/mailer.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { MERCHANT_ORDER_STATUSES } from "./merchant-orders.server";
import { emailsOtherSide, firstName, type ThreadSide } from "./order-messages";

/** A thread shows its newest messages, this many at most (a pickup takes a few). */
const THREAD_LIMIT = 200;

/** Ids from the address bar or a form: anything else is "not found" without a query. */
const plausibleId = (id: string) => id.length > 0 && id.length <= 64;

type Party = { id: string; name: string; email: string; locale: string };

type Thread = {
  orderId: string;
  reference: string;
  market: { name: string; timezone: string };
  stall: { id: string; name: string; owner: Party };
  buyer: Party;
};

/**
 * The thread of (order, stall) as `userId` may see it: only the order's buyer and the stall's
 * owner, only for an order the merchant sees (paid or refunded) holding a line of that stall.
 */
async function findThread(userId: string, orderId: string, stallId: string) {
  if (!plausibleId(orderId) || !plausibleId(stallId)) return null;
  const party = { select: { id: true, name: true, email: true, locale: true } } as const;
  const order = await db.order.findFirst({
    where: { id: orderId, status: { in: [...MERCHANT_ORDER_STATUSES] }, lines: { some: { stallId } } },
    select: { id: true, reference: true, market: { select: { name: true, timezone: true } }, buyer: party },
  });
  if (!order) return null;
  const stall = await db.stall.findUnique({
    where: { id: stallId },
    select: { id: true, name: true, owner: party },
  });
  if (!stall) return null;
  // A merchant buying at their own stall writes as the buyer.
  const side: ThreadSide | null = order.buyer.id === userId ? "buyer" : stall.owner.id === userId ? "stall" : null;
  if (!side) return null;
  const thread: Thread = {
    orderId: order.id,
    reference: order.reference,
    market: order.market,
    stall,
    buyer: order.buyer,
  };
  return { side, thread };
}

type MessageRow = { id: string; orderId: string; stallId: string; body: string; createdAt: Date; authorId: string };

function toDto(row: MessageRow, names: { buyerId: string; buyer: string; stall: string }): OrderMessageDto {
  const fromBuyer = row.authorId === names.buyerId;
  return {
    id: row.id,
    orderId: row.orderId,
    stallId: row.stallId,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    fromBuyer,
    author: fromBuyer ? firstName(names.buyer) : names.stall,
  };
}

const messageSelect = { id: true, orderId: true, stallId: true, body: true, createdAt: true, authorId: true } as const;
const byTime = [{ createdAt: "asc" }, { id: "asc" }] as const;

/** The thread for its page: who the viewer is, whom they write to, and its messages. */
export async function getOrderThread(userId: string, orderId: string, stallId: string) {
  const found = await findThread(userId, orderId, stallId);
  if (!found) return null;
  const { side, thread } = found;
  const rows = await db.orderMessage.findMany({
    where: { orderId, stallId },
    orderBy: [...byTime],
    take: -THREAD_LIMIT,
    select: messageSelect,
  });
  const names = { buyerId: thread.buyer.id, buyer: thread.buyer.name, stall: thread.stall.name };
  return {
    side,
    reference: thread.reference,
    timezone: thread.market.timezone,
    /** The other side, as the viewer calls them. */
    other: side === "buyer" ? thread.stall.name : firstName(thread.buyer.name),
    messages: rows.map((row) => toDto(row, names)),
  };
}

/**
 * The threads of a stall's listed orders, per order id, for its owner's orders page (the caller
 * checked ownership; orders without messages are left out).
 */
export async function listStallThreads(
  stallId: string,
  orders: { orderId: string }[],
): Promise<Record<string, OrderMessageDto[]>> {
  if (orders.length === 0) return {};
  const orderIds = orders.map((order) => order.orderId);
  const [stall, rows] = await Promise.all([
    db.stall.findUnique({ where: { id: stallId }, select: { name: true } }),
    db.orderMessage.findMany({
      where: { stallId, orderId: { in: orderIds } },
      orderBy: [...byTime],
      select: { ...messageSelect, order: { select: { buyer: { select: { id: true, name: true } } } } },
    }),
  ]);
  const threads: Record<string, OrderMessageDto[]> = {};
  for (const { order, ...row } of rows) {
    const names = { buyerId: order.buyer.id, buyer: order.buyer.name, stall: stall?.name ?? "" };
    (threads[row.orderId] ??= []).push(toDto(row, names));
  }
  return threads;
}

/**
 * The threads of one of the buyer's orders, per stall id; null when the order is not theirs or
 * not one its stalls see (before payment there is nobody to write to).
 */
export async function listBuyerThreads(
  buyerId: string,
  orderId: string,
): Promise<Record<string, OrderMessageDto[]> | null> {
  if (!plausibleId(orderId)) return null;
  const order = await db.order.findFirst({
    where: { id: orderId, buyerId, status: { in: [...MERCHANT_ORDER_STATUSES] } },
    select: {
      buyer: { select: { name: true } },
      messages: { orderBy: [...byTime], select: { ...messageSelect, stall: { select: { name: true } } } },
    },
  });
  if (!order) return null;
  const threads: Record<string, OrderMessageDto[]> = {};
  for (const { stall, ...row } of order.messages) {
    (threads[row.stallId] ??= []).push(toDto(row, { buyerId, buyer: order.buyer.name, stall: stall.name }));
  }
  return threads;
}

export type PostResult =
  | { ok: true; message: OrderMessageDto; emailed: boolean }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "rateLimited"; retryAfter: number };

/**
 * Posts a message (already checked by orderMessageSchema) to the thread of (order, stall) as
 * `userId`, tells the other side by e-mail when the flood rule allows, and both sides' open pages
 * through their user rooms. The thread's messages are written one at a time (a transaction-level
 * lock per thread), so two messages at once take their e-mail decision in turn: never two e-mails.
 */
export async function postOrderMessage(input: {
  userId: string;
  orderId: string;
  stallId: string;
  body: string;
  now: Date;
}): Promise<PostResult> {
  const found = await findThread(input.userId, input.orderId, input.stallId);
  if (!found) return { ok: false, reason: "notFound" };
  const retryAfter = await hitRateLimit("orderMessage", input.userId);
  if (retryAfter !== null) return { ok: false, reason: "rateLimited", retryAfter };
  const { side, thread } = found;
  const { row, emailed } = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`order-thread:${thread.orderId}:${thread.stall.id}`}))`;
    const earlier = await tx.orderMessage.findMany({
      where: { orderId: thread.orderId, stallId: thread.stall.id },
      orderBy: [...byTime],
      select: { authorId: true, createdAt: true },
    });
    const row = await tx.orderMessage.create({
      data: {
        orderId: thread.orderId,
        stallId: thread.stall.id,
        authorId: input.userId,
        body: input.body,
        createdAt: input.now,
      },
      select: messageSelect,
    });
    const emailed = emailsOtherSide(
      [...earlier, row].map((m) => ({ fromBuyer: m.authorId === thread.buyer.id, createdAt: m.createdAt })),
    );
    return { row, emailed };
  });
  const message = toDto(row, { buyerId: thread.buyer.id, buyer: thread.buyer.name, stall: thread.stall.name });
  broadcast([rooms.user(thread.buyer.id), rooms.user(thread.stall.owner.id)], "order:message", message);
  const recipient = side === "buyer" ? thread.stall.owner : thread.buyer;
  if (emailed && recipient.id !== input.userId) {
    try {
      await emailThreadMessage(thread, side, recipient, message);
    } catch (error) {
      // The message is written and on both pages; only its e-mail is lost.
      console.error(`Order ${thread.orderId}: the message e-mail could not be written`, error);
    }
  }
  return { ok: true, message, emailed };
}

/** Where the recipient reads the thread: the buyer's order page, or the stall's orders tab. */
function threadLink(thread: Thread, recipientSide: ThreadSide): string {
  const path =
    recipientSide === "buyer"
      ? `/orders/${thread.orderId}#thread-${thread.stall.id}`
      : `/merchant/stalls/${thread.stall.id}/orders#thread-${thread.orderId}`;
  // Emails are read elsewhere: never a link built from a request's Host.
  return new URL(path, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).href;
}

/**
 * The e-mail to the other side, in their language, from the app's own address (no Reply-To): it
 * names the author by the stall's name or the buyer's first name, never by an address.
 */
async function emailThreadMessage(thread: Thread, authorSide: ThreadSide, recipient: Party, message: OrderMessageDto) {
  const t = createTranslator(isLocale(recipient.locale) ? recipient.locale : "fr");
  const recipientSide: ThreadSide = authorSide === "buyer" ? "stall" : "buyer";
  const vars = {
    name: recipientSide === "buyer" ? firstName(recipient.name) : recipient.name,
    author: message.author,
    reference: thread.reference,
    market: thread.market.name,
  };
  const excerpt = message.body.length > 500 ? `${message.body.slice(0, 499)}…` : message.body;
  await sendEmail({
    to: recipient.email,
    subject: t("thread.mail.subject", vars),
    text: [
      t("thread.mail.greeting", vars),
      "",
      t("thread.mail.intro", vars),
      "",
      `> ${excerpt.replace(/\n/g, "\n> ")}`,
      "",
      t("thread.mail.answer"),
      threadLink(thread, recipientSide),
      "",
      t("thread.mail.footer"),
    ].join("\n"),
  });
}
