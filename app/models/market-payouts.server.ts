// The organiser's money view of one market ("Paiements"): per stall what was sold, the town's
// commission, Stripe's fees the platform bears, what was transferred, reversed and is still
// pending; the reconciliation CSV (one row per money movement, with Stripe's ids); the stalls
// that cannot sell yet and the reminder their merchant gets. One query set (`loadMarketMoney`)
// feeds the page and the file, so they cannot disagree. Amounts are integer cents.
import { stringify } from "csv-stringify/sync";
import { DateTime } from "luxon";
import { createTranslator, isLocale, type Locale, type Translate } from "~/i18n";
import { env } from "~/utils/env.server";
import { db } from "~/utils/db.server";
import { sendEmail } from "~/utils/mailer.server";
import { stallShare } from "./commission";
import { PAYABLE_STATUS } from "./payout-account.server";
import { effectiveLineStatus, isRefundedLine } from "./line-money";
import { csvAmount, csvDialect, neutraliseFormula, REVENUE_ORDER_STATUSES } from "./market-revenue.server";

export type StallMoney = {
  /** The stall's lines of paid orders that buyers kept (refused and refunded lines are not sold). */
  salesCents: number;
  /** The town's commission on those lines, at each order's rate (app/models/commission.ts). */
  commissionCents: number;
  /** Stripe's fee on each charge, shared among its stalls pro rata of their lines as paid. */
  feeCents: number;
  /** Transfers Stripe accepted (SENT). */
  transferredCents: number;
  /** Reversals Stripe accepted (SUCCEEDED). */
  reversedCents: number;
  /** Transfers not made yet: WAITING (the account cannot receive) or PENDING (Stripe to ask). */
  pendingTransferCents: number;
  /** Transfers Stripe refused for good (FAILED): someone must look. */
  failedTransferCents: number;
  /** Reversals not made yet (PENDING: the merchant's balance could not cover, retried). */
  pendingReversalCents: number;
};

export type StallMoneyRow = StallMoney & { stallId: string; name: string };

export type MarketMoney = { stalls: StallMoneyRow[]; totals: StallMoney };

const emptyMoney = (): StallMoney => ({
  salesCents: 0,
  commissionCents: 0,
  feeCents: 0,
  transferredCents: 0,
  reversedCents: 0,
  pendingTransferCents: 0,
  failedTransferCents: 0,
  pendingReversalCents: 0,
});

/**
 * A fee shared among parts in proportion to their weights, in whole cents that add up to the
 * fee exactly (largest remainder: the cents left after rounding down go to the largest
 * fractions, ties to the first part).
 */
export function shareProRata(feeCents: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || feeCents === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (feeCents * w) / total);
  const shares = exact.map(Math.floor);
  let left = feeCents - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

async function loadMarketMoney(marketId: string) {
  const [stalls, orders, transfers, refunds, disputes] = await Promise.all([
    db.stall.findMany({
      where: {
        marketId,
        OR: [{ status: "APPROVED" }, { orderLines: { some: {} } }, { transfers: { some: {} } }],
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db.order.findMany({
      where: { marketId, status: { in: [...REVENUE_ORDER_STATUSES] } },
      orderBy: [{ paidAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        reference: true,
        status: true,
        totalCents: true,
        paidAt: true,
        createdAt: true,
        paymentIntentId: true,
        chargeId: true,
        stripeFeeCents: true,
        commissionBps: true,
        lines: { select: { id: true, stallId: true, quantity: true, unitPriceCents: true, status: true } },
      },
    }),
    db.stallTransfer.findMany({
      where: { order: { marketId } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        orderId: true,
        stallId: true,
        stripeAccountId: true,
        grossCents: true,
        commissionCents: true,
        amountCents: true,
        status: true,
        stripeTransferId: true,
        lastError: true,
        createdAt: true,
        updatedAt: true,
        order: { select: { reference: true, paymentIntentId: true, chargeId: true } },
        reversals: {
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            amountCents: true,
            reason: true,
            status: true,
            stripeReversalId: true,
            lastError: true,
            createdAt: true,
            updatedAt: true,
          },
        },
      },
    }),
    db.orderRefund.findMany({
      where: { order: { marketId } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        orderId: true,
        orderLineId: true,
        amountCents: true,
        reason: true,
        status: true,
        stripeRefundId: true,
        paymentIntentId: true,
        createdAt: true,
        updatedAt: true,
        order: { select: { reference: true, paymentIntentId: true, chargeId: true } },
      },
    }),
    db.orderDispute.findMany({
      where: { order: { marketId } },
      orderBy: [{ openedAt: "asc" }, { id: "asc" }],
      select: {
        orderId: true,
        stripeDisputeId: true,
        chargeId: true,
        amountCents: true,
        reason: true,
        status: true,
        openedAt: true,
        order: { select: { reference: true, paymentIntentId: true } },
      },
    }),
  ]);
  return { stalls, orders, transfers, refunds, disputes };
}
type Loaded = Awaited<ReturnType<typeof loadMarketMoney>>;

/**
 * A reversal asked before its transfer went to Stripe is settled by shrinking the transfer
 * (transfer-reversal.server.ts): SUCCEEDED without a Stripe reversal. It is no money movement.
 */
export function isDeduction(reversal: { status: string; stripeReversalId: string | null }): boolean {
  return reversal.status === "SUCCEEDED" && reversal.stripeReversalId === null;
}

function add(into: StallMoney, from: Partial<StallMoney>) {
  for (const [key, value] of Object.entries(from) as [keyof StallMoney, number][]) into[key] += value;
}

/** Pure, for the page and its tests: the figures per stall and the market's totals. */
export function computeMarketMoney(loaded: Pick<Loaded, "stalls" | "orders" | "transfers">): MarketMoney {
  const byStall = new Map<string, StallMoney>(loaded.stalls.map((s) => [s.id, emptyMoney()]));
  const totals = emptyMoney();
  const credit = (stallId: string, figures: Partial<StallMoney>) => {
    const stall = byStall.get(stallId);
    if (!stall) return;
    add(stall, figures);
    add(totals, figures);
  };

  for (const order of loaded.orders) {
    const stallIds = [...new Set(order.lines.map((l) => l.stallId))];
    for (const stallId of stallIds) {
      const lines = order.lines.filter((l) => l.stallId === stallId);
      const kept = lines.filter((l) => !isRefundedLine(effectiveLineStatus(order.status, l.status)));
      const share = stallShare(kept, order.commissionBps);
      credit(stallId, { salesCents: share.grossCents, commissionCents: share.commissionCents });
    }
    if (order.stripeFeeCents) {
      // The fee was taken on the whole charge, refunds or not: shared by what each stall was paid.
      const weights = stallIds.map(
        (id) =>
          stallShare(
            order.lines.filter((l) => l.stallId === id),
            0,
          ).grossCents,
      );
      shareProRata(order.stripeFeeCents, weights).forEach((fee, i) => credit(stallIds[i]!, { feeCents: fee }));
    }
  }

  for (const transfer of loaded.transfers) {
    const amount = transfer.amountCents;
    if (transfer.status === "SENT") credit(transfer.stallId, { transferredCents: amount });
    else if (transfer.status === "FAILED") credit(transfer.stallId, { failedTransferCents: amount });
    else credit(transfer.stallId, { pendingTransferCents: amount });
    for (const reversal of transfer.reversals) {
      // Taken off a transfer not yet asked of Stripe: the transfer's amount shrank, nothing moved.
      if (isDeduction(reversal)) continue;
      if (reversal.status === "SUCCEEDED") credit(transfer.stallId, { reversedCents: reversal.amountCents });
      else if (reversal.status === "PENDING") credit(transfer.stallId, { pendingReversalCents: reversal.amountCents });
    }
  }

  return {
    stalls: loaded.stalls.map((s) => ({ stallId: s.id, name: s.name, ...byStall.get(s.id)! })),
    totals,
  };
}

/** The organiser's money view of a market. The caller checked that the user organises it. */
export async function getMarketMoney(marketId: string): Promise<MarketMoney> {
  return computeMarketMoney(await loadMarketMoney(marketId));
}

// --- Reconciliation CSV ----------------------------------------------------------------------

/** DEDUCTION: a reversal settled by shrinking a transfer not yet made (no Stripe reversal). */
export const MOVEMENT_TYPES = ["PAYMENT", "TRANSFER", "REVERSAL", "DEDUCTION", "REFUND", "DISPUTE"] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

/** One money movement, as the reconciliation file lists it. */
export type Movement = {
  at: Date;
  orderId: string;
  /** The order's reference ("R-0142"), what the file shows. */
  reference: string;
  stallName: string;
  type: MovementType;
  /** The row's own status (PAID, SENT, SUCCEEDED, lost…), as stored. */
  status: string;
  reason: string;
  grossCents: number | null;
  commissionCents: number | null;
  amountCents: number;
  feeCents: number | null;
  paymentIntentId: string | null;
  chargeId: string | null;
  transferId: string | null;
  reversalId: string | null;
  refundId: string | null;
  disputeId: string | null;
  accountId: string | null;
  error: string | null;
};

const blank = {
  stallName: "",
  reason: "",
  grossCents: null,
  commissionCents: null,
  feeCents: null,
  paymentIntentId: null,
  chargeId: null,
  transferId: null,
  reversalId: null,
  refundId: null,
  disputeId: null,
  accountId: null,
  error: null,
} satisfies Partial<Movement>;

/** Pure: every movement of the loaded rows, oldest first. */
export function listMovements(loaded: Loaded): Movement[] {
  const stallName = new Map(loaded.stalls.map((s) => [s.id, s.name]));
  const lineStall = new Map(loaded.orders.flatMap((o) => o.lines.map((l) => [l.id, l.stallId] as const)));
  const movements: Movement[] = [];
  for (const order of loaded.orders) {
    movements.push({
      ...blank,
      at: order.paidAt ?? order.createdAt,
      orderId: order.id,
      reference: order.reference,
      type: "PAYMENT",
      status: order.status,
      grossCents: order.totalCents,
      amountCents: order.totalCents,
      feeCents: order.stripeFeeCents,
      paymentIntentId: order.paymentIntentId,
      chargeId: order.chargeId,
    });
  }
  for (const transfer of loaded.transfers) {
    const common = {
      ...blank,
      orderId: transfer.orderId,
      reference: transfer.order.reference,
      stallName: stallName.get(transfer.stallId) ?? "",
      paymentIntentId: transfer.order.paymentIntentId,
      chargeId: transfer.order.chargeId,
      transferId: transfer.stripeTransferId,
      accountId: transfer.stripeAccountId,
    };
    movements.push({
      ...common,
      at: transfer.createdAt,
      type: "TRANSFER",
      status: transfer.status,
      grossCents: transfer.grossCents,
      commissionCents: transfer.commissionCents,
      amountCents: transfer.amountCents,
      error: transfer.lastError,
    });
    for (const reversal of transfer.reversals) {
      movements.push({
        ...common,
        at: reversal.createdAt,
        type: isDeduction(reversal) ? "DEDUCTION" : "REVERSAL",
        status: reversal.status,
        reason: reversal.reason,
        amountCents: reversal.amountCents,
        reversalId: reversal.stripeReversalId,
        error: reversal.lastError,
      });
    }
  }
  for (const refund of loaded.refunds) {
    const stallId = refund.orderLineId ? lineStall.get(refund.orderLineId) : undefined;
    movements.push({
      ...blank,
      at: refund.createdAt,
      orderId: refund.orderId,
      reference: refund.order.reference,
      stallName: stallId ? (stallName.get(stallId) ?? "") : "",
      type: "REFUND",
      status: refund.status,
      reason: refund.reason,
      amountCents: refund.amountCents,
      paymentIntentId: refund.paymentIntentId ?? refund.order.paymentIntentId,
      chargeId: refund.order.chargeId,
      refundId: refund.stripeRefundId,
    });
  }
  for (const dispute of loaded.disputes) {
    movements.push({
      ...blank,
      at: dispute.openedAt,
      orderId: dispute.orderId,
      reference: dispute.order.reference,
      type: "DISPUTE",
      status: dispute.status,
      reason: dispute.reason,
      amountCents: dispute.amountCents,
      paymentIntentId: dispute.order.paymentIntentId,
      chargeId: dispute.chargeId,
      disputeId: dispute.stripeDisputeId,
    });
  }
  const rank = (type: MovementType) => MOVEMENT_TYPES.indexOf(type);
  return movements.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      a.orderId.localeCompare(b.orderId) ||
      rank(a.type) - rank(b.type) ||
      a.stallName.localeCompare(b.stallName),
  );
}

/**
 * The reconciliation file. csv-stringify does the quoting (delimiters, quotes and line breaks in
 * stall names or Stripe's error messages); the dialect follows the reader's language like the
 * orders file: French Excel splits on ";" and reads "12,50", English on "," and "12.50"; a BOM
 * so Excel reads UTF-8; CRLF line ends. Merchants' free text is kept from running as a formula.
 */
export function formatMovementsCsv(
  movements: Movement[],
  options: { timezone: string; locale: Locale; t: Translate },
): string {
  const { delimiter, decimal } = csvDialect(options.locale);
  const { t } = options;
  const amount = (cents: number | null) => (cents === null ? "" : csvAmount(cents, decimal));
  const header = [
    t("money.csv.date"),
    t("money.csv.order"),
    t("money.csv.stall"),
    t("money.csv.type"),
    t("money.csv.status"),
    t("money.csv.reason"),
    t("money.csv.gross"),
    t("money.csv.commission"),
    t("money.csv.amount"),
    t("money.csv.fee"),
    "payment_intent (pi_)",
    "charge (ch_)",
    "transfer (tr_)",
    "transfer_reversal (trr_)",
    "refund (re_)",
    "dispute (du_)",
    "account (acct_)",
    t("money.csv.error"),
  ];
  const rows = movements.map((m) => [
    DateTime.fromJSDate(m.at, { zone: options.timezone }).toFormat("yyyy-LL-dd HH:mm:ss"),
    m.reference,
    neutraliseFormula(m.stallName),
    t(`money.movement.${m.type}`),
    m.status,
    m.reason,
    amount(m.grossCents),
    amount(m.commissionCents),
    amount(m.amountCents),
    amount(m.feeCents),
    m.paymentIntentId ?? "",
    m.chargeId ?? "",
    m.transferId ?? "",
    m.reversalId ?? "",
    m.refundId ?? "",
    m.disputeId ?? "",
    m.accountId ?? "",
    neutraliseFormula(m.error ?? ""),
  ]);
  return stringify([header, ...rows], { delimiter, record_delimiter: "windows", bom: true });
}

/** The market's reconciliation file, or null when the market does not exist. */
export async function getMarketMovementsCsv(
  marketId: string,
  options: { locale: Locale; t: Translate },
): Promise<{ slug: string; timezone: string; csv: string } | null> {
  const market = await db.market.findUnique({ where: { id: marketId }, select: { slug: true, timezone: true } });
  if (!market) return null;
  const movements = listMovements(await loadMarketMoney(marketId));
  return { ...market, csv: formatMovementsCsv(movements, { ...options, timezone: market.timezone }) };
}

// --- Stalls that cannot sell yet, and the reminder ---------------------------------------------

/** At most one reminder per stall in this time, whoever presses the button. */
export const REMINDER_INTERVAL_MS = 60 * 60_000;

/** Where the merchant connects their stall to Stripe: the stall's "Paiements" tab (s20/accounts). */
export function merchantPaymentsPath(stallId: string): string {
  return `/merchant/stalls/${encodeURIComponent(stallId)}/payments`;
}

export type UnpayableStall = {
  stallId: string;
  name: string;
  ownerName: string;
  /** The owner's PayoutAccount.status, or null when they have not started connecting. */
  accountStatus: string | null;
  /** When the last reminder went, and when the next one may. */
  remindedAt: Date | null;
  nextReminderAt: Date | null;
};

/**
 * The market's approved stalls whose owner cannot be paid: no PayoutAccount, or one that is not
 * ACTIVE (PAYABLE_STATUS, the one rule, in payout-account.server.ts).
 */
export async function listUnpayableStalls(marketId: string, now: Date): Promise<UnpayableStall[]> {
  const stalls = await db.stall.findMany({
    where: {
      marketId,
      status: "APPROVED",
      owner: { OR: [{ payoutAccount: null }, { payoutAccount: { status: { not: PAYABLE_STATUS } } }] },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      owner: { select: { name: true, payoutAccount: { select: { status: true } } } },
      reminder: { select: { sentAt: true } },
    },
  });
  return stalls.map((s) => {
    const sentAt = s.reminder?.sentAt ?? null;
    const next = sentAt ? new Date(sentAt.getTime() + REMINDER_INTERVAL_MS) : null;
    return {
      stallId: s.id,
      name: s.name,
      ownerName: s.owner.name,
      accountStatus: s.owner.payoutAccount?.status ?? null,
      remindedAt: sentAt,
      nextReminderAt: next && next > now ? next : null,
    };
  });
}

export type ReminderResult =
  | { ok: true; email: string; ownerName: string }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "canSell" }
  | { ok: false; reason: "tooSoon"; nextAt: Date };

/**
 * An organiser reminds a stall's merchant to connect to Stripe: one email with a link to their
 * "Paiements" tab. The hour between two reminders is one conditional statement (an upsert that
 * only moves `sentAt` forward an hour or more), so two organisers pressing at once send one.
 */
export async function remindStallToConnect(input: {
  marketId: string;
  stallId: string;
  organiserId: string;
  now: Date;
}): Promise<ReminderResult> {
  const stall = await db.stall.findFirst({
    where: { id: input.stallId, marketId: input.marketId, status: "APPROVED" },
    select: {
      id: true,
      name: true,
      market: { select: { name: true } },
      owner: { select: { email: true, name: true, locale: true, payoutAccount: { select: { status: true } } } },
    },
  });
  if (!stall) return { ok: false, reason: "notFound" };
  if (stall.owner.payoutAccount?.status === PAYABLE_STATUS) return { ok: false, reason: "canSell" };

  const earliest = new Date(input.now.getTime() - REMINDER_INTERVAL_MS);
  const claimed = await db.$queryRaw<{ stallId: string }[]>`
    INSERT INTO "PayoutReminder" ("stallId", "sentAt", "sentById")
    VALUES (${stall.id}, ${input.now}, ${input.organiserId})
    ON CONFLICT ("stallId") DO UPDATE SET "sentAt" = EXCLUDED."sentAt", "sentById" = EXCLUDED."sentById"
    WHERE "PayoutReminder"."sentAt" <= ${earliest}
    RETURNING "stallId"`;
  if (claimed.length === 0) {
    const last = await db.payoutReminder.findUnique({ where: { stallId: stall.id }, select: { sentAt: true } });
    const nextAt = new Date((last?.sentAt ?? input.now).getTime() + REMINDER_INTERVAL_MS);
    return { ok: false, reason: "tooSoon", nextAt };
  }

  const locale: Locale = isLocale(stall.owner.locale) ? stall.owner.locale : "fr";
  const t = createTranslator(locale);
  const vars = { name: stall.owner.name, stall: stall.name, market: stall.market.name };
  const link = new URL(merchantPaymentsPath(stall.id), env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).href;
  await sendEmail({
    to: stall.owner.email,
    subject: t("money.remind.subject", vars),
    text: [
      t("payments.email.greeting", vars),
      "",
      t("money.remind.intro", vars),
      t("money.remind.how"),
      link,
      "",
      t("payments.email.footer", vars),
    ].join("\n"),
  });
  return { ok: true, email: stall.owner.email, ownerName: stall.owner.name };
}
