// The market's report ("Bilan"): what the organiser shows the council, and what a merchant sees of
// their own stall. This file is the shape only (shared by the routes, the charts and the CSV
// exports); the figures are computed in app/models/report.server.ts, in the market's time zone.

/**
 * Where a visitor came from (PageVisit.source, app/models/visit-source.ts decides): the referrer
 * of a page reached from outside the site, or a poster's QR code. A page reached from another page
 * of the site is stored as INTERNAL and counts in views, not in this breakdown.
 */
export const VISIT_SOURCES = ["DIRECT", "SOCIAL", "TOWN", "QR", "SEARCH", "OTHER"] as const;
export type VisitSource = (typeof VISIT_SOURCES)[number];
export type StoredVisitSource = VisitSource | "INTERNAL";

export const VISIT_DEVICES = ["PHONE", "DESKTOP"] as const;
export type VisitDevice = (typeof VISIT_DEVICES)[number];

/** A report covers whole local days of the market's time zone, both ends included ("2026-12-07"). */
export type ReportRange = { from: string; to: string };

/** The whole market, or one stall (a merchant's own, or an organiser looking at one). */
export type ReportScope = { kind: "market" } | { kind: "stall"; stallId: string; stallName: string };

/** Money in cents, one currency (the market's, "eur"). */
export type SalesFigures = {
  orders: number;
  items: number;
  paidCents: number;
  refundedCents: number;
  netCents: number;
};

export type ReportDay = {
  /** local date, "2026-12-07" */
  day: string;
  /** distinct visitors that day (market and stall pages together) */
  visitors: number;
  marketViews: number;
  stallViews: number;
  messages: number;
} & SalesFigures;

export type ReportSession = {
  sessionId: string;
  startsAt: string;
  endsAt: string;
  visitors: number;
  views: number;
} & SalesFigures;

export type ReportHour = {
  /** local hour of the day, 0 to 23 */
  hour: number;
  views: number;
  orders: number;
  paidCents: number;
};

export type ReportStall = {
  stallId: string;
  stallName: string;
  /** sum over the days of the stall page's distinct visitors that day */
  visitors: number;
  views: number;
  conversations: number;
  messages: number;
  questions: number;
  answered: number;
  /** median seconds from a visitor's question to the merchant's first answer; null: none answered */
  medianFirstAnswerSeconds: number | null;
  /** orders with a line of this stall / the stall's visitors; null without visitors */
  conversion: number | null;
} & SalesFigures;

export type ReportBreakdown<K extends string> = { key: K; visitors: number; views: number }[];

export type MarketReport = {
  market: { id: string; name: string; townName: string; timezone: string; currency: string };
  range: ReportRange;
  /** The edition's own first and last local days (its sessions), to offer as the default range. */
  edition: ReportRange | null;
  scope: ReportScope;
  /** When the figures were computed (ISO instant). */
  computedAt: string;
  totals: SalesFigures & {
    /** sum over the days of each day's distinct visitors: visitors are not followed across days */
    visitors: number;
    views: number;
    marketViews: number;
    stallViews: number;
    buyers: number;
    /** buyers whose first paid order in this town's markets is in the range */
    newBuyers: number;
    returningBuyers: number;
    /** paidCents / orders; null without orders */
    averageBasketCents: number | null;
    conversations: number;
    messages: number;
    questions: number;
    answered: number;
    /** answered / questions; null without questions */
    answeredShare: number | null;
    medianFirstAnswerSeconds: number | null;
    /** orders / stall-page visitors; null without visitors */
    conversion: number | null;
  };
  days: ReportDay[];
  sessions: ReportSession[];
  hours: ReportHour[];
  sources: ReportBreakdown<VisitSource>;
  devices: ReportBreakdown<VisitDevice>;
  /** every stall of the scope (one row for a stall's report), busiest first by net revenue */
  stalls: ReportStall[];
};
