// A buyer's bank disputing an order's charge (Stripe's charge.dispute.created / updated / closed).
// The policy is docs/payments.md's "Disputes": the platform bears an open dispute (Stripe debits
// its balance); the stalls' transfers of the order wait while it is open; a LOST dispute takes each
// stall's share of the disputed amount (less its commission) back from its transfer, through
// requestTransferReversal (key dispute:<dp_…>:<stallId>); a WON one takes nothing; Stripe's
// dispute fee stays with the platform.
// Stripe delivers at least once and in any order, so:
// - one OrderDispute row per Stripe dispute (unique stripeDisputeId), inserted by whichever event
//   comes first (ON CONFLICT DO NOTHING); the insert's winner, and only it, tells the merchants
//   and organisers that the dispute opened;
// - the status only moves forward (open → under review → closed), by a conditional update that
//   never leaves a closed status; the winner of the closing tells them how it ended;
// - the reversals of a lost dispute are asked again on every delivery of its closing (their keys
//   make that harmless), so a crash after the commit is mended by Stripe's redelivery.
import type Stripe from "stripe";
import { createTranslator, isLocale, type Locale, type Translate } from "~/i18n";
import { db, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formatDateTime, formatPrice } from "~/utils/format";
import { sendEmail } from "~/utils/mailer.server";
import { getStripe, paymentsAreFake } from "~/utils/stripe.server";
import { ORGANISER } from "./authorization.server";
import { disputeReversalCents, stallShare } from "./commission";
import { CLOSED_DISPUTE_STATUSES, isDisputeClosed, UNDER_REVIEW_DISPUTE_STATUSES } from "./dispute-status";
import { isRefundedLine } from "./line-money";
import { transferOrder } from "./stall-transfer.server";
import { requestTransferReversal, reversalKey } from "./transfer-reversal.server";
import { tellOrderUpdated } from "./order-notify.server";

const UNDER_REVIEW = UNDER_REVIEW_DISPUTE_STATUSES;

/** How far a status is along the dispute's one way: needing a response, under review, closed. */
function rank(status: string): 0 | 1 | 2 {
  if (isDisputeClosed(status)) return 2;
  return (UNDER_REVIEW as readonly string[]).includes(status) ? 1 : 0;
}
const statusesFrom = (r: number): string[] =>
  r <= 1 ? [...UNDER_REVIEW, ...CLOSED_DISPUTE_STATUSES] : [...CLOSED_DISPUTE_STATUSES];

/** The fields of Stripe's dispute object read here (checked with Zod in payment.server.ts). */
export type DisputeFields = Pick<Stripe.Dispute, "id" | "amount" | "currency" | "reason" | "status" | "created"> & {
  charge: string | { id: string };
  payment_intent?: string | { id: string } | null;
  evidence_details?: { due_by?: number | null } | null;
};

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === "string" ? value : (value?.id ?? null);

/** Whether an order has a dispute still open: its stalls' transfers wait meanwhile. */
export async function hasOpenDispute(orderId: string, client: Tx = db): Promise<boolean> {
  const open = await client.orderDispute.findFirst({
    where: { orderId, status: { notIn: [...CLOSED_DISPUTE_STATUSES] } },
    select: { id: true },
  });
  return open !== null;
}

export type OrderDisputeBadge = "open" | "won" | "lost";

/** What an order's pages show of its disputes: the latest one's state, or null. */
export async function disputeBadges(orderIds: string[]): Promise<Map<string, OrderDisputeBadge>> {
  const badges = new Map<string, OrderDisputeBadge>();
  if (orderIds.length === 0) return badges;
  const rows = await db.orderDispute.findMany({
    where: { orderId: { in: orderIds } },
    orderBy: { openedAt: "asc" },
    select: { orderId: true, status: true },
  });
  for (const row of rows) badges.set(row.orderId, badgeOf(row.status));
  return badges;
}

export function badgeOf(status: string): OrderDisputeBadge {
  if (status === "lost") return "lost";
  return isDisputeClosed(status) ? "won" : "open";
}

export type MarketDispute = {
  id: string;
  orderId: string;
  reference: string;
  amountCents: number;
  state: OrderDisputeBadge;
  openedAt: Date;
  closedAt: Date | null;
  stallNames: string[];
};

/** The market's disputes for its organisers, newest first (the caller checked access). */
export async function listMarketDisputes(marketId: string, take = 100): Promise<MarketDispute[]> {
  const rows = await db.orderDispute.findMany({
    where: { order: { marketId } },
    orderBy: { openedAt: "desc" },
    take,
    select: {
      id: true,
      orderId: true,
      amountCents: true,
      status: true,
      openedAt: true,
      closedAt: true,
      order: { select: { reference: true, lines: { select: { stall: { select: { name: true } } } } } },
    },
  });
  return rows.map(({ order, status, ...row }) => ({
    ...row,
    reference: order.reference,
    state: badgeOf(status),
    stallNames: [...new Set(order.lines.map((l) => l.stall.name))],
  }));
}

/**
 * The order a dispute is about: by its PaymentIntent or charge as the order recorded them, else
 * (the dispute came before the payment's own event) by the PaymentIntent's metadata.order_id,
 * asked of Stripe. Null for a charge that is not one of ours.
 */
async function orderOfDispute(dispute: DisputeFields): Promise<{ id: string } | null> {
  const chargeId = idOf(dispute.charge);
  let intentId = idOf(dispute.payment_intent);
  const recorded = await db.order.findFirst({
    where: { OR: [...(intentId ? [{ paymentIntentId: intentId }] : []), ...(chargeId ? [{ chargeId }] : [])] },
    select: { id: true },
  });
  if (recorded) return recorded;
  try {
    const stripe = getStripe();
    if (!intentId && chargeId) intentId = idOf((await stripe.charges.retrieve(chargeId)).payment_intent);
    if (!intentId) return null;
    const orderId = (await stripe.paymentIntents.retrieve(intentId)).metadata?.order_id;
    if (!orderId) return null;
    const order = await db.order.findUnique({ where: { id: orderId }, select: { id: true, paymentIntentId: true } });
    // A spare payment of an order that recorded another (a second tab paid too, and was given
    // back): its dispute does not concern the order's payment nor its merchants' transfers.
    if (!order || (order.paymentIntentId !== null && order.paymentIntentId !== intentId)) return null;
    return { id: order.id };
  } catch (error) {
    // Stripe does not know it (another integration's object): not ours. Anything else throws,
    // the webhook answers 500 and Stripe delivers again later.
    if ((error as { type?: string }).type === "StripeInvalidRequestError") return null;
    throw error;
  }
}

/**
 * Applies one charge.dispute.* event's object; safe under duplicates, concurrency and any order.
 * Returns what happened, for the webhook's answer.
 */
export async function applyDispute(dispute: DisputeFields, now: Date): Promise<string> {
  const order = await orderOfDispute(dispute);
  if (!order) return "no such order";
  const closed = isDisputeClosed(dispute.status);
  const chargeId = idOf(dispute.charge) ?? "";
  const inserted = await db.orderDispute.createMany({
    data: [
      {
        orderId: order.id,
        stripeDisputeId: dispute.id,
        chargeId,
        amountCents: dispute.amount,
        reason: dispute.reason.slice(0, 100),
        status: dispute.status,
        openedAt: dispute.created ? new Date(dispute.created * 1000) : now,
        closedAt: closed ? now : null,
      },
    ],
    skipDuplicates: true,
  });
  let closedHere = closed && inserted.count === 1;
  let moved = inserted.count === 1;
  if (inserted.count === 0) {
    // Forward only: a status at or past this one's rank is never overwritten (a late
    // needs_response after under_review, anything after won or lost).
    const { count } = await db.orderDispute.updateMany({
      where: { stripeDisputeId: dispute.id, status: { notIn: statusesFrom(rank(dispute.status)) } },
      data: { status: dispute.status, ...(closed ? { closedAt: now } : {}) },
    });
    moved = count === 1;
    closedHere = closed && count === 1;
  }

  const row = await db.orderDispute.findUniqueOrThrow({ where: { stripeDisputeId: dispute.id } });
  if (inserted.count === 1) await tell(() => announceDisputeOpened(row.id, dispute.evidence_details?.due_by ?? null));
  if (row.status === "lost") await recoverLostDispute(row.id, now);
  if (closedHere) {
    // The transfers held while it was open go now (reduced first if it was lost); the sweeper
    // would send them on its next pass anyway.
    await transferOrder(order.id, now);
    await tell(() => announceDisputeClosed(row.id));
  }
  if (moved) await tell(() => tellOrderUpdated(order.id));
  const what = inserted.count === 1 ? "recorded" : moved ? "moved" : "no change";
  return `dispute ${dispute.id} ${what}, ${row.status}`;
}

type DisputedOrder = {
  commissionBps: number;
  lines: readonly { stallId: string; unitPriceCents: number; quantity: number; status: string }[];
};

/**
 * What a lost dispute takes from each stall (the reversals, and what the emails say): its share of
 * the lines kept, over what they are worth. A refused line was refunded and its share reversed
 * already: counting it would take it twice and shrink the others' proportion.
 */
function lostDisputeShares(order: DisputedOrder, disputedCents: number): Map<string, number> {
  const kept = order.lines.filter((l) => !isRefundedLine(l.status));
  const keptCents = kept.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const shares = new Map<string, number>();
  for (const stallId of new Set(kept.map((l) => l.stallId))) {
    const lines = kept.filter((l) => l.stallId === stallId);
    shares.set(stallId, disputeReversalCents(lines, order.commissionBps, disputedCents, keptCents));
  }
  return shares;
}

/**
 * A lost dispute: each stall's share of the disputed amount (commission deducted) taken back from
 * its transfer, or its unsent transfer reduced (requestTransferReversal decides). Safe to call
 * again: every reversal is keyed by dispute and stall, and capped at what is left of the transfer.
 */
export async function recoverLostDispute(disputeRowId: string, now: Date): Promise<void> {
  const dispute = await db.orderDispute.findUnique({
    where: { id: disputeRowId },
    select: {
      stripeDisputeId: true,
      amountCents: true,
      status: true,
      order: {
        select: {
          commissionBps: true,
          lines: { select: { stallId: true, unitPriceCents: true, quantity: true, status: true } },
          transfers: { select: { id: true, stallId: true } },
        },
      },
    },
  });
  if (dispute?.status !== "lost") return;
  const shares = lostDisputeShares(dispute.order, dispute.amountCents);
  for (const transfer of dispute.order.transfers) {
    const amountCents = shares.get(transfer.stallId) ?? 0;
    if (amountCents <= 0) continue;
    await requestTransferReversal({
      transferId: transfer.id,
      key: reversalKey.dispute(dispute.stripeDisputeId, transfer.stallId),
      amountCents,
      reason: "DISPUTE",
      now,
    });
  }
}

// --- Who is told, and what -------------------------------------------------------------------

async function loadDispute(disputeRowId: string) {
  return db.orderDispute.findUnique({
    where: { id: disputeRowId },
    include: {
      order: {
        select: {
          id: true,
          reference: true,
          marketId: true,
          totalCents: true,
          commissionBps: true,
          createdAt: true,
          market: {
            select: {
              name: true,
              timezone: true,
              town: {
                select: {
                  memberships: {
                    where: { role: ORGANISER },
                    select: { user: { select: { id: true, name: true, email: true, locale: true } } },
                  },
                },
              },
            },
          },
          lines: {
            select: {
              stallId: true,
              unitPriceCents: true,
              quantity: true,
              status: true,
              stall: { select: { name: true, owner: { select: { id: true, name: true, email: true, locale: true } } } },
            },
          },
        },
      },
    },
  });
}
type LoadedDispute = NonNullable<Awaited<ReturnType<typeof loadDispute>>>;
type Person = { id: string; name: string; email: string; locale: string | null };

/** Each person once: the merchants with their stalls' lines, the organisers; someone both gets one email. */
function recipientsOf(dispute: LoadedDispute) {
  const people = new Map<
    string,
    {
      person: Person;
      stalls: Map<string, { id: string; name: string; lines: LoadedDispute["order"]["lines"] }>;
      organiser: boolean;
    }
  >();
  const entry = (person: Person) => {
    let found = people.get(person.id);
    if (!found) people.set(person.id, (found = { person, stalls: new Map(), organiser: false }));
    return found;
  };
  for (const line of dispute.order.lines) {
    const stalls = entry(line.stall.owner).stalls;
    const stall = stalls.get(line.stallId) ?? { id: line.stallId, name: line.stall.name, lines: [] };
    stall.lines.push(line);
    stalls.set(line.stallId, stall);
  }
  for (const { user } of dispute.order.market.town.memberships) entry(user).organiser = true;
  return [...people.values()];
}

/** A console page, from PUBLIC_URL (emails are read elsewhere than any request's Host). */
function consoleLink(path: string): string {
  return new URL(path, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).href;
}

function translatorOf(person: Person): { locale: Locale; t: Translate } {
  const locale: Locale = isLocale(person.locale) ? person.locale : "fr";
  return { locale, t: createTranslator(locale) };
}

function reasonText(t: Translate, reason: string): string {
  return reason === "fraudulent" ? t("disputes.reason.fraudulent") : t("disputes.reason.other", { reason });
}

/** The variables both dispute emails' texts use. */
function emailVars(name: string, order: { reference: string; market: { name: string } }, amount: string) {
  return { name, market: order.market.name, order: order.reference, amount };
}

/** Both dispute emails begin alike: the sandbox's warning when payments are fake, the greeting. */
function emailOpening(t: Translate, vars: { name: string }): string[] {
  return [...(paymentsAreFake ? [t("payments.sandbox.email"), ""] : []), t("disputes.email.greeting", vars), ""];
}

export async function announceDisputeOpened(disputeRowId: string, dueBy: number | null): Promise<void> {
  const dispute = await loadDispute(disputeRowId);
  if (!dispute) return;
  const { order } = dispute;
  for (const { person, stalls, organiser } of recipientsOf(dispute)) {
    const { locale, t } = translatorOf(person);
    const price = (cents: number) => formatPrice(cents, locale);
    const vars = {
      ...emailVars(person.name, order, price(dispute.amountCents)),
      date: formatDateTime(order.createdAt, order.market.timezone, locale),
      reason: reasonText(t, dispute.reason),
    };
    const text = [...emailOpening(t, vars), t("disputes.opened.intro", vars)];
    for (const stall of stalls.values()) {
      const { grossCents } = stallShare(stall.lines, order.commissionBps);
      text.push(
        "",
        t("payments.email.stall", { stall: stall.name }),
        t("disputes.opened.merchant", { amount: price(grossCents) }),
        consoleLink(`/merchant/stalls/${stall.id}/orders`),
      );
    }
    if (organiser) {
      const due = dueBy ? formatDateTime(new Date(dueBy * 1000), order.market.timezone, locale) : "—";
      text.push(
        "",
        t("disputes.opened.organiser", { due }),
        consoleLink(`/organiser/markets/${order.marketId}/orders`),
      );
    }
    text.push("", t("disputes.email.footer", vars));
    await sendEmail({ to: person.email, subject: t("disputes.opened.subject", vars), text: text.join("\n") });
  }
}

export async function announceDisputeClosed(disputeRowId: string): Promise<void> {
  const dispute = await loadDispute(disputeRowId);
  if (!dispute) return;
  const { order } = dispute;
  const lost = dispute.status === "lost";
  for (const { person, stalls, organiser } of recipientsOf(dispute)) {
    const { locale, t } = translatorOf(person);
    const price = (cents: number) => formatPrice(cents, locale);
    const vars = emailVars(person.name, order, price(dispute.amountCents));
    const text = [...emailOpening(t, vars), lost ? t("disputes.closed.lost", vars) : t("disputes.closed.won", vars)];
    if (lost) {
      const shares = lostDisputeShares(order, dispute.amountCents);
      for (const stall of stalls.values()) {
        const share = shares.get(stall.id) ?? 0;
        text.push(
          "",
          t("payments.email.stall", { stall: stall.name }),
          t("disputes.closed.lostMerchant", { amount: price(share) }),
        );
      }
    }
    if (organiser) text.push("", consoleLink(`/organiser/markets/${order.marketId}/orders`));
    text.push("", t("disputes.email.footer", vars));
    const subject = lost ? t("disputes.closed.subject.lost", vars) : t("disputes.closed.subject.won", vars);
    await sendEmail({ to: person.email, subject, text: text.join("\n") });
  }
}

/** Emails after a committed change: a failure is logged, never undoes or repeats it. */
async function tell(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    console.error("dispute notification failed", error);
  }
}
