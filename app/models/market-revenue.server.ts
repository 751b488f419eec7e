// What a market sold, per stall, for its organisers, and the same lines as a CSV file a town's
// accountant opens in a spreadsheet. Only orders that were paid count (PAID, or REFUNDED since):
// a hold that was released sold nothing. Amounts are integer cents until the CSV writes them.
import { DateTime } from "luxon";
import type { Locale, Translate } from "~/i18n";
import { db } from "~/utils/db.server";
import { effectiveLineStatus, isRefundedLine, lineMoney } from "./line-money";
import type { OrderLineStatus } from "./order-status";

/** Orders whose lines count: they were paid, whatever happened since. */
export const REVENUE_ORDER_STATUSES = ["PAID", "REFUNDED"] as const;

export type RevenueFigures = {
  /** Paid orders holding at least one line of the stall (an order across stalls counts for each). */
  orders: number;
  /** Quantities kept by buyers: refused and refunded lines are not sold. */
  items: number;
  grossCents: number;
  refundedCents: number;
  netCents: number;
};

export type StallRevenue = RevenueFigures & { stallId: string; name: string };

export type MarketRevenue = {
  stalls: StallRevenue[];
  /** `orders` counts each order once, even when it spans several stalls. */
  totals: RevenueFigures;
};

const emptyFigures = (): RevenueFigures => ({ orders: 0, items: 0, grossCents: 0, refundedCents: 0, netCents: 0 });

type RevenueLine = {
  orderId: string;
  stallId: string;
  quantity: number;
  unitPriceCents: number;
  status: string;
};

/** Pure, for the page and its tests: the figures per stall of these lines. */
export function computeRevenue(stalls: { id: string; name: string }[], lines: RevenueLine[]): MarketRevenue {
  const byStall = new Map<string, { figures: RevenueFigures; orders: Set<string> }>(
    stalls.map((s) => [s.id, { figures: emptyFigures(), orders: new Set<string>() }]),
  );
  const totals = emptyFigures();
  const allOrders = new Set<string>();
  for (const line of lines) {
    const entry = byStall.get(line.stallId);
    if (!entry) continue;
    const money = lineMoney(line);
    for (const figures of [entry.figures, totals]) {
      figures.grossCents += money.grossCents;
      figures.refundedCents += money.refundedCents;
      if (!isRefundedLine(line.status)) figures.items += line.quantity;
    }
    entry.orders.add(line.orderId);
    allOrders.add(line.orderId);
  }
  totals.orders = allOrders.size;
  totals.netCents = totals.grossCents - totals.refundedCents;
  return {
    stalls: stalls.map((s) => {
      const { figures, orders } = byStall.get(s.id)!;
      return {
        stallId: s.id,
        name: s.name,
        ...figures,
        orders: orders.size,
        netCents: figures.grossCents - figures.refundedCents,
      };
    }),
    totals,
  };
}

/**
 * Every approved stall of the market (a stall that sold nothing shows its zeros) and any other
 * stall that has sold, by name. The caller checked that the user organises the market.
 */
export async function getMarketRevenue(marketId: string): Promise<MarketRevenue> {
  const [stalls, lines] = await Promise.all([
    db.stall.findMany({
      where: { marketId, OR: [{ status: "APPROVED" }, { orderLines: { some: {} } }] },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db.orderLine.findMany({
      where: { order: { marketId, status: { in: [...REVENUE_ORDER_STATUSES] } } },
      select: {
        orderId: true,
        stallId: true,
        quantity: true,
        unitPriceCents: true,
        status: true,
        order: { select: { status: true } },
      },
    }),
  ]);
  return computeRevenue(
    stalls,
    lines.map((line) => ({ ...line, status: effectiveLineStatus(line.order.status, line.status) })),
  );
}

// --- CSV -------------------------------------------------------------------------------------

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab or carriage return, which some strip
 * first) as a formula: a product named "=HYPERLINK(…)" must stay text. The apostrophe is how
 * spreadsheets themselves mark "text, not a formula".
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quoted when it holds the delimiter, a quote or a line break; quotes doubled. */
export function csvCell(value: string, delimiter: string): string {
  const safe = neutraliseFormula(value);
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * French spreadsheets split columns on ";" and read "12,50" as a number; English ones expect ","
 * and "12.50". The file follows the language the organiser reads the site in.
 */
export function csvDialect(locale: Locale): { delimiter: string; decimal: string } {
  return locale === "fr" ? { delimiter: ";", decimal: "," } : { delimiter: ",", decimal: "." };
}

/** Cents as decimal euros, without thousands separators or currency sign: "1234,50". */
export function csvAmount(cents: number, decimal: string): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}${decimal}${String(abs % 100).padStart(2, "0")}`;
}

/** The byte order mark: without it Excel reads UTF-8 as Windows-1252 ("CrÃ¨pes"). */
export const UTF8_BOM = "\uFEFF";

export type CsvOrderLine = {
  at: Date;
  /** The order's reference ("R-0142"), as the buyer and the stall read it. */
  reference: string;
  stallName: string;
  productName: string;
  quantity: number;
  unitPriceCents: number;
  status: string;
  /** Stripe's ids, to match the line with the payments file and Stripe's dashboard. */
  paymentIntentId: string | null;
  chargeId: string | null;
  /** The refunds that gave this line back (its own, or its order's as a whole), re_…, space-separated. */
  refundIds: string;
};

/** One row per line of the market's paid and refunded orders, oldest payment first. */
export async function listMarketOrderLines(
  marketId: string,
): Promise<{ slug: string; timezone: string; lines: CsvOrderLine[] } | null> {
  const market = await db.market.findUnique({ where: { id: marketId }, select: { slug: true, timezone: true } });
  if (!market) return null;
  const orders = await db.order.findMany({
    where: { marketId, status: { in: [...REVENUE_ORDER_STATUSES] } },
    orderBy: [{ paidAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: {
      reference: true,
      status: true,
      paidAt: true,
      createdAt: true,
      paymentIntentId: true,
      chargeId: true,
      // A refund names its line ("line:<id>"), or none for the whole order (a late payment given
      // back). A PAYMENT_MISMATCH refund gives back another payment, not these lines.
      refunds: {
        where: { stripeRefundId: { not: null }, reason: { not: "PAYMENT_MISMATCH" } },
        orderBy: { createdAt: "asc" },
        select: { orderLineId: true, stripeRefundId: true },
      },
      lines: {
        orderBy: [{ stall: { name: "asc" } }, { id: "asc" }],
        select: {
          id: true,
          name: true,
          quantity: true,
          unitPriceCents: true,
          status: true,
          stall: { select: { name: true } },
        },
      },
    },
  });
  return {
    slug: market.slug,
    timezone: market.timezone,
    lines: orders.flatMap((order) =>
      order.lines.map((line) => ({
        at: order.paidAt ?? order.createdAt,
        reference: order.reference,
        stallName: line.stall.name,
        productName: line.name,
        quantity: line.quantity,
        unitPriceCents: line.unitPriceCents,
        status: effectiveLineStatus(order.status, line.status),
        paymentIntentId: order.paymentIntentId,
        chargeId: order.chargeId,
        refundIds: order.refunds
          .filter((refund) => refund.orderLineId === null || refund.orderLineId === line.id)
          .map((refund) => refund.stripeRefundId)
          .join(" "),
      })),
    ),
  };
}

const STATUS_LABELS: Record<OrderLineStatus, Parameters<Translate>[0]> = {
  RESERVED: "orders.line.RESERVED",
  READY: "orders.line.READY",
  COLLECTED: "orders.line.COLLECTED",
  REFUSED: "orders.line.REFUSED",
  REFUNDED: "orders.line.REFUNDED",
  RELEASED: "orders.line.RELEASED",
};

/** The whole file: BOM, a header row, CRLF line ends (what spreadsheets expect of CSV). */
export function formatOrdersCsv(
  lines: CsvOrderLine[],
  options: { timezone: string; locale: Locale; t: Translate },
): string {
  const { delimiter, decimal } = csvDialect(options.locale);
  const { t } = options;
  const header = [
    t("orders.csv.date"),
    t("orders.csv.order"),
    t("orders.csv.stall"),
    t("orders.csv.product"),
    t("orders.csv.quantity"),
    t("orders.csv.unitPrice"),
    t("orders.csv.lineTotal"),
    t("orders.csv.refunded"),
    t("orders.csv.net"),
    t("orders.csv.status"),
    // Stripe's names, as in the payments file: the same ids in both.
    "payment_intent (pi_)",
    "charge (ch_)",
    "refund (re_)",
  ];
  const rows = lines.map((line) => {
    // The line as paid, what was given back of it and what the stall keeps: the one rule.
    const money = lineMoney(line);
    return [
      DateTime.fromJSDate(line.at, { zone: options.timezone }).toFormat("yyyy-LL-dd HH:mm"),
      line.reference,
      line.stallName,
      line.productName,
      String(line.quantity),
      csvAmount(line.unitPriceCents, decimal),
      csvAmount(money.grossCents, decimal),
      csvAmount(money.refundedCents, decimal),
      csvAmount(money.netCents, decimal),
      line.status in STATUS_LABELS ? t(STATUS_LABELS[line.status as OrderLineStatus]) : line.status,
      line.paymentIntentId ?? "",
      line.chargeId ?? "",
      line.refundIds,
    ];
  });
  return (
    UTF8_BOM +
    [header, ...rows].map((row) => row.map((c) => csvCell(c, delimiter)).join(delimiter)).join("\r\n") +
    "\r\n"
  );
}
