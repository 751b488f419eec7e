// What people hear about an order once a change has committed: the buyer's emails (in their own
// locale, User.locale) and the order:created / order:updated broadcasts. Callers are the winners
// of a conditional transition (payment.server, refund.server, order-lines.server,
// order-checkout.server, order-payment.server), so each message goes out once per change.
// Nothing here writes order state.
import { createTranslator, isLocale, type Locale } from "~/i18n";
import type { OrderUpdated } from "~/realtime/events";
import { rooms } from "~/realtime/events";
import { broadcast } from "~/realtime/broadcast.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatPrice } from "~/utils/format";
import { sendEmail } from "~/utils/mailer.server";
import { paymentsAreFake } from "~/utils/stripe.server";
import { PICKUP_SLOT_SELECT, toMerchantOrderDto } from "./merchant-orders.server";
import { slotLabel } from "./pickup";
import { getOrderPickup } from "./pickup.server";
import { pickupCodeEmail } from "./pickup-code.server";
import { tellOrdersToPrepare } from "./order-alerts.server";

const orderInclude = {
  buyer: { select: { name: true, email: true, locale: true } },
  market: { select: { name: true } },
  pickupSlot: PICKUP_SLOT_SELECT,
  lines: {
    orderBy: { id: "asc" },
    select: {
      id: true,
      stallId: true,
      productId: true,
      name: true,
      quantity: true,
      unitPriceCents: true,
      status: true,
      stall: { select: { name: true, pickupDetails: true, chaletNumber: true, ownerId: true } },
    },
  },
} as const;

async function loadOrder(orderId: string) {
  return db.order.findUnique({ where: { id: orderId }, include: orderInclude });
}
type LoadedOrder = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;

/** The buyer's order page, from PUBLIC_URL (never from a request's Host: emails are read elsewhere). */
export function orderLink(orderId: string): string {
  return new URL(`/orders/${encodeURIComponent(orderId)}`, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).href;
}

export function orderUpdatedPayload(order: LoadedOrder): OrderUpdated {
  return {
    orderId: order.id,
    marketId: order.marketId,
    status: order.status,
    version: order.version,
    refundedCents: order.refundedCents,
    lines: order.lines.map((l) => ({ id: l.id, stallId: l.stallId, status: l.status })),
  };
}

function stallIdsOf(order: LoadedOrder): string[] {
  return [...new Set(order.lines.map((l) => l.stallId))];
}

function emitUpdated(order: LoadedOrder) {
  broadcast(
    [rooms.user(order.buyerId), ...stallIdsOf(order).map(rooms.merchant)],
    "order:updated",
    orderUpdatedPayload(order),
  );
  // Any change may move the merchants' count of orders to prepare (their header).
  void tellOrdersToPrepare(order.lines.map((l) => l.stall.ownerId));
}

/** order:updated to the buyer and every stall of the order (after a release, a line change, a refund). */
export async function broadcastOrderUpdated(orderId: string): Promise<void> {
  const order = await loadOrder(orderId);
  if (order) emitUpdated(order);
}

/** broadcastOrderUpdated after a commit, whose failure must not turn the committed change into an error. */
export async function tellOrderUpdated(orderId: string): Promise<void> {
  try {
    await broadcastOrderUpdated(orderId);
  } catch (error) {
    // Committed already; a page missing the news reloads its data anyway.
    console.error(`order:updated for ${orderId} failed`, error);
  }
}

/** Opens every payment email while the sandbox takes the payments: they are not real. */
function fakePaymentLines(t: ReturnType<typeof createTranslator>): string[] {
  return paymentsAreFake ? [t("payments.sandbox.email"), ""] : [];
}

function translatorFor(order: LoadedOrder) {
  const locale: Locale = isLocale(order.buyer.locale) ? order.buyer.locale : "fr";
  return { locale, t: createTranslator(locale) };
}

/**
 * The order was just paid (on time, or late with its stock taken again): each stall's merchant
 * gets order:created with their share, everyone order:updated, and the buyer the confirmation
 * with the lines per stall and each stall's pickup details.
 */
export async function announcePaidOrder(orderId: string): Promise<void> {
  const order = await loadOrder(orderId);
  if (!order) return;
  const { locale, t } = translatorFor(order);
  // The pickup code (and its QR code, in the HTML) the buyer shows at each stall
  // (pickup-code.server.ts); drawn before the broadcasts, so the email follows them at once.
  const code = await pickupCodeEmail(order, t);
  for (const stallId of stallIdsOf(order)) {
    // The merchant's one definition of an order (their lines, the buyer's name only).
    broadcast([rooms.merchant(stallId)], "order:created", toMerchantOrderDto(order, stallId));
  }
  emitUpdated(order);

  const price = (cents: number) => formatPrice(cents, locale);
  const vars = { name: order.buyer.name, market: order.market.name, amount: price(order.totalCents) };
  const text: string[] = [
    ...fakePaymentLines(t),
    t("payments.email.greeting", vars),
    "",
    t("shop.orders.number", { number: order.reference }),
    t("payments.paid.intro", vars),
  ];
  text.push(...code.lines);
  for (const stallId of stallIdsOf(order)) {
    const lines = order.lines.filter((l) => l.stallId === stallId);
    const stall = lines[0]!.stall;
    text.push("", t("payments.email.stall", { stall: stall.name }));
    for (const l of lines) {
      text.push(
        t("payments.email.line", {
          quantity: l.quantity,
          product: l.name,
          amount: price(l.unitPriceCents * l.quantity),
        }),
      );
    }
    const details = stall.pickupDetails.trim();
    if (stall.chaletNumber !== null) text.push(t("plan.pickupChalet", { number: stall.chaletNumber }));
    text.push(details ? t("payments.email.pickup", { details }) : t("payments.email.pickupUnknown"));
  }
  text.push("", t("payments.email.total", vars));
  const pickup = await getOrderPickup(order.id);
  if (pickup) {
    text.push(
      "",
      t("pickup.email.slot", { slot: slotLabel(pickup, pickup.timezone, locale) }),
      t("pickup.email.point", { point: [pickup.name, pickup.address].filter(Boolean).join(", ") }),
      ...(pickup.details ? [t("pickup.email.details", { details: pickup.details })] : []),
    );
  }
  text.push(
    "",
    t("payments.paid.pickupIntro"),
    t("payments.email.orderLink"),
    orderLink(order.id),
    "",
    t("payments.email.footer", vars),
  );
  await sendEmail({
    to: order.buyer.email,
    subject: t("payments.paid.subject", vars),
    text: text.join("\n"),
    html: code.html(text),
  });
}

/** A payment that came after its hold was released, with the stock gone, was refunded in full. */
export async function announceLatePaymentRefunded(orderId: string, amountCents: number): Promise<void> {
  const order = await loadOrder(orderId);
  if (!order) return;
  emitUpdated(order);
  const { locale, t } = translatorFor(order);
  const vars = { name: order.buyer.name, market: order.market.name, amount: formatPrice(amountCents, locale) };
  await sendEmail({
    to: order.buyer.email,
    subject: t("payments.late.subject", vars),
    text: [
      ...fakePaymentLines(t),
      t("payments.email.greeting", vars),
      "",
      t("shop.orders.number", { number: order.reference }),
      t("payments.late.intro", vars),
      t("payments.late.refunded", vars),
      "",
      t("payments.late.again"),
      t("payments.email.orderLink"),
      orderLink(order.id),
      "",
      t("payments.email.footer", vars),
    ].join("\n"),
  });
}

/** A line the stall refused (out of stock) was refunded. */
export async function announceLineRefunded(orderId: string, lineId: string, amountCents: number): Promise<void> {
  const order = await loadOrder(orderId);
  if (!order) return;
  emitUpdated(order);
  const line = order.lines.find((l) => l.id === lineId);
  if (!line) return;
  const { locale, t } = translatorFor(order);
  const price = (cents: number) => formatPrice(cents, locale);
  const vars = {
    name: order.buyer.name,
    market: order.market.name,
    stall: line.stall.name,
    amount: price(amountCents),
  };
  await sendEmail({
    to: order.buyer.email,
    subject: t("payments.refused.subject", vars),
    text: [
      ...fakePaymentLines(t),
      t("payments.email.greeting", vars),
      "",
      t("shop.orders.number", { number: order.reference }),
      t("payments.refused.intro", vars),
      t("payments.email.line", {
        quantity: line.quantity,
        product: line.name,
        amount: price(line.unitPriceCents * line.quantity),
      }),
      "",
      t("payments.refused.refunded", vars),
      t("payments.email.orderLink"),
      orderLink(order.id),
      "",
      t("payments.email.footer", vars),
    ].join("\n"),
  });
}
