// Nobody misses an order: what a merchant hears of a new paid order (an email per order or an
// hourly digest, as User.orderEmails says, and a push), their live count of orders to prepare,
// and the buyer told once when their lines are ready. Callers are the winners of a conditional
// transition (the payment, a line's READY), after their commit, so each alert goes once; the
// digest and the "ready" message claim their orders and lines with conditional updates of their
// own (User.orderDigestUntil, OrderLine.readyNotifiedAt), so several instances agree too.
import { createTranslator, isLocale, plural, type Locale, type Translate } from "~/i18n";
import { rooms } from "~/realtime/events";
import { broadcast } from "~/realtime/broadcast.server";
import { db } from "~/utils/db.server";
import { formatDateTime, formatPrice } from "~/utils/format";
import { sendEmail } from "~/utils/mailer.server";
import { siteLink } from "~/utils/url.server";
import { DIGEST_INTERVAL_MS, stallOrdersPath, type OrderEmailChoice } from "./order-alerts";
import { pushToUser } from "./push.server";

/**
 * A digest covers the orders paid until this long before it runs: an order whose payment was
 * dated a moment before its commit is still in the next digest, never between two.
 */
export const DIGEST_SETTLE_MS = 60_000;

function translator(locale: string): { locale: Locale; t: Translate } {
  const l: Locale = isLocale(locale) ? locale : "fr";
  return { locale: l, t: createTranslator(l) };
}

type Line = { name: string; quantity: number; unitPriceCents: number };

function lineText(t: Translate, locale: Locale, l: Line): string {
  return t("alerts.email.line", {
    quantity: l.quantity,
    product: l.name,
    amount: formatPrice(l.unitPriceCents * l.quantity, locale),
  });
}

const sumCents = (lines: Line[]) => lines.reduce((n, l) => n + l.unitPriceCents * l.quantity, 0);
const countItems = (lines: { quantity: number }[]) => lines.reduce((n, l) => n + l.quantity, 0);

// ---------------------------------------------------------------------------------------------
// Orders to prepare: the header's "Commandes reçues"

/** Per stall of the owner: paid orders with lines still to prepare (RESERVED). One indexed query. */
export async function countOrdersToPrepare(
  ownerId: string,
): Promise<{ total: number; byStall: Record<string, number> }> {
  const rows = await db.$queryRaw<{ stallId: string; count: number }[]>`
    SELECT l."stallId", count(DISTINCT l."orderId")::int AS count
    FROM "Stall" s
    JOIN "OrderLine" l ON l."stallId" = s.id AND l.status = 'RESERVED'
    JOIN "Order" o ON o.id = l."orderId" AND o.status = 'PAID'
    WHERE s."ownerId" = ${ownerId}
    GROUP BY l."stallId"`;
  const byStall = Object.fromEntries(rows.map((r) => [r.stallId, r.count]));
  return { total: rows.reduce((n, r) => n + r.count, 0), byStall };
}

/** orders:toPrepare to each owner's user room, after an order of their stalls changed. Never throws. */
export async function tellOrdersToPrepare(ownerIds: string[]): Promise<void> {
  await Promise.all(
    [...new Set(ownerIds)].map(async (ownerId) => {
      try {
        broadcast([rooms.user(ownerId)], "orders:toPrepare", await countOrdersToPrepare(ownerId));
      } catch (error) {
        // A header a little behind catches up on the next page.
        console.error(`orders:toPrepare for ${ownerId} failed`, error);
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// A new paid order: each stall's merchant

/** The merchant chooses how orders reach their inbox; choosing DIGEST starts its hour now. */
export async function setOrderEmails(userId: string, choice: OrderEmailChoice, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: userId, orderEmails: { not: choice } },
      data: { orderEmails: choice },
    });
    if (updated.count === 1 && choice === "DIGEST") {
      await tx.user.update({ where: { id: userId }, data: { orderDigestUntil: now } });
    }
  });
}

export async function getOrderAlertSettings(userId: string): Promise<{ orderEmails: OrderEmailChoice }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { orderEmails: true } });
  return { orderEmails: user.orderEmails as OrderEmailChoice };
}

/**
 * The order was just paid: each of its stalls' merchants gets an email (unless they chose a
 * digest or none) and a push, with the order's reference, the buyer's name (never their email),
 * their own stall's lines and a link to the stall's orders.
 */
export async function alertStallsOfPaidOrder(orderId: string): Promise<void> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      reference: true,
      buyer: { select: { name: true } },
      market: { select: { name: true } },
      lines: {
        orderBy: { id: "asc" },
        select: {
          stallId: true,
          name: true,
          quantity: true,
          unitPriceCents: true,
          stall: {
            select: {
              name: true,
              owner: { select: { id: true, email: true, locale: true, orderEmails: true, deletedAt: true } },
            },
          },
        },
      },
    },
  });
  if (!order) return;
  const stallIds = [...new Set(order.lines.map((l) => l.stallId))];
  await Promise.all(
    stallIds.map(async (stallId) => {
      const lines = order.lines.filter((l) => l.stallId === stallId);
      const { stall } = lines[0]!;
      const owner = stall.owner;
      if (owner.deletedAt) return;
      const { locale, t } = translator(owner.locale);
      const vars = {
        reference: order.reference,
        buyer: order.buyer.name,
        stall: stall.name,
        market: order.market.name,
        amount: formatPrice(sumCents(lines), locale),
      };
      const link = siteLink(stallOrdersPath(stallId));
      const email =
        owner.orderEmails === "EACH"
          ? sendEmail({
              to: owner.email,
              subject: t("alerts.order.subject", vars),
              text: [
                t("alerts.order.intro", vars),
                "",
                ...lines.map((l) => lineText(t, locale, l)),
                t("alerts.email.total", vars),
                "",
                t("alerts.email.prepare"),
                link,
                "",
                t("alerts.email.settings", { link: siteLink("/merchant/alerts") }),
              ].join("\n"),
            })
          : null;
      const push = pushToUser(owner.id, {
        title: t("alerts.push.order.title", vars),
        body: plural(t, "alerts.push.order.body", countItems(lines), vars),
        url: stallOrdersPath(stallId),
        tag: `order-${order.id}-${stallId}`,
      });
      await Promise.all([email, push]);
    }),
  );
}

/**
 * The digests due at `now` (leader's timer, server/hold-sweeper.ts): every merchant on DIGEST
 * whose last digest is an hour old and who was paid orders since gets one email listing them.
 * The merchant's orderDigestUntil moves forward by a conditional update first: the instance
 * that moves it sends, so each order is in exactly one digest. Answers the emails sent.
 */
export async function sendDueDigests(now: Date): Promise<number> {
  const until = new Date(now.getTime() - DIGEST_SETTLE_MS);
  const dueBefore = new Date(now.getTime() - DIGEST_INTERVAL_MS);
  const due = await db.$queryRaw<{ id: string; since: Date | null }[]>`
    SELECT u.id, u."orderDigestUntil" AS since
    FROM "User" u
    WHERE u."orderEmails" = 'DIGEST' AND u."deletedAt" IS NULL
      AND (u."orderDigestUntil" IS NULL OR u."orderDigestUntil" <= ${dueBefore})
      AND EXISTS (
        SELECT 1 FROM "Stall" s
        JOIN "OrderLine" l ON l."stallId" = s.id
        JOIN "Order" o ON o.id = l."orderId"
        WHERE s."ownerId" = u.id
          AND o."paidAt" >= COALESCE(u."orderDigestUntil", ${dueBefore}::timestamptz)
          AND o."paidAt" < ${until})`;
  let sent = 0;
  for (const user of due) {
    const claimed = await db.user.updateMany({
      where: { id: user.id, orderEmails: "DIGEST", orderDigestUntil: user.since },
      data: { orderDigestUntil: until },
    });
    if (claimed.count !== 1) continue; // another instance sends this one
    try {
      if (await sendDigest(user.id, user.since ?? dueBefore, until)) sent += 1;
    } catch (error) {
      console.error(`order digest for ${user.id} failed`, error);
    }
  }
  return sent;
}

async function sendDigest(ownerId: string, since: Date, until: Date): Promise<boolean> {
  const ofOwner = { stall: { ownerId } };
  const [owner, orders] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: ownerId }, select: { email: true, locale: true } }),
    db.order.findMany({
      where: { paidAt: { gte: since, lt: until }, lines: { some: ofOwner } },
      orderBy: { paidAt: "asc" },
      select: {
        reference: true,
        paidAt: true,
        buyer: { select: { name: true } },
        market: { select: { timezone: true } },
        lines: {
          where: ofOwner,
          orderBy: { id: "asc" },
          select: {
            stallId: true,
            name: true,
            quantity: true,
            unitPriceCents: true,
            stall: { select: { name: true } },
          },
        },
      },
    }),
  ]);
  if (orders.length === 0) return false;
  const { locale, t } = translator(owner.locale);
  const stallIds = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.stallId)))];
  const text: string[] = [t("alerts.digest.intro", { count: orders.length })];
  for (const order of orders) {
    const vars = {
      reference: order.reference,
      buyer: order.buyer.name,
      stall: order.lines[0]!.stall.name,
      time: formatDateTime(order.paidAt!, order.market.timezone, locale),
      amount: formatPrice(sumCents(order.lines), locale),
    };
    text.push("", t("alerts.digest.order", vars), ...order.lines.map((l) => lineText(t, locale, l)));
  }
  text.push(
    "",
    t("alerts.email.prepare"),
    siteLink(stallIds.length === 1 ? stallOrdersPath(stallIds[0]!) : "/merchant"),
    "",
    t("alerts.email.settings", { link: siteLink("/merchant/alerts") }),
  );
  await sendEmail({
    to: owner.email,
    subject: t("alerts.digest.subject", { count: orders.length }),
    text: text.join("\n"),
  });
  return true;
}

// ---------------------------------------------------------------------------------------------
// "Prête": the buyer

/**
 * After a merchant marked lines of an order READY: the buyer hears once of every READY line of
 * that stall not told yet, in one message (email and push). The lines are claimed by a
 * conditional update of readyNotifiedAt, so a retried "Prête", two taps or two instances tell
 * once. Answers how many lines this call told of.
 */
export async function tellLinesReady(orderId: string, stallId: string, now: Date): Promise<number> {
  const lines = await db.$queryRaw<Line[]>`
    UPDATE "OrderLine" SET "readyNotifiedAt" = ${now}
    WHERE "orderId" = ${orderId} AND "stallId" = ${stallId} AND status = 'READY' AND "readyNotifiedAt" IS NULL
    RETURNING name, quantity, "unitPriceCents"`;
  if (lines.length === 0) return 0;
  const [order, stall] = await Promise.all([
    db.order.findUniqueOrThrow({
      where: { id: orderId },
      select: {
        reference: true,
        buyer: { select: { id: true, name: true, email: true, locale: true } },
        market: { select: { name: true } },
      },
    }),
    db.stall.findUniqueOrThrow({
      where: { id: stallId },
      select: { name: true, pickupDetails: true, chaletNumber: true },
    }),
  ]);
  const { locale, t } = translator(order.buyer.locale);
  const vars = { reference: order.reference, name: order.buyer.name, stall: stall.name, market: order.market.name };
  const orderPath = `/orders/${encodeURIComponent(orderId)}`;
  const details = stall.pickupDetails.trim();
  const text = [
    t("alerts.ready.greeting", vars),
    "",
    t("alerts.ready.intro", vars),
    ...lines.map((l) => lineText(t, locale, l)),
    "",
    ...(stall.chaletNumber !== null ? [t("plan.pickupChalet", { number: stall.chaletNumber })] : []),
    ...(details ? [t("payments.email.pickup", { details })] : []),
    t("alerts.ready.link"),
    siteLink(orderPath),
  ];
  await Promise.all([
    sendEmail({ to: order.buyer.email, subject: t("alerts.ready.subject", vars), text: text.join("\n") }),
    pushToUser(order.buyer.id, {
      title: t("alerts.push.ready.title", vars),
      body: plural(t, "alerts.push.ready.body", countItems(lines), vars),
      url: orderPath,
      tag: `ready-${orderId}-${stallId}`,
    }),
  ]);
  return lines.length;
}
