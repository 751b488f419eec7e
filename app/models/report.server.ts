// The market's report ("Bilan"): every figure of MarketReport (app/models/report.ts), computed in
// PostgreSQL where it is an aggregate, grouped by the market's local day and hour
// (`("at" AT TIME ZONE tz)::date`), over the instants of the range's local days (luxon, DST-safe).
// The caller has checked access (requireMarketOrganiser, requireStallOwner); this takes ids.
//
// Definitions (docs/architecture.md, "Report", points here):
// - visitors of a day: distinct `visitor` hashes that local day. Hashes are salted per local day,
//   so nobody is followed across days: the visitors of a range (and of a stall) are the SUM of the
//   days' uniques, not unique people.
// - visitors of a session: distinct hashes seen during that (non-cancelled) session, within the
//   range.
// - sources and devices: visitor-days (distinct visitor per local day) over views that came from
//   outside the site (source ≠ INTERNAL). A visitor-day with two sources counts once for EACH
//   (the breakdown's visitors may sum to more than the total); views are counted per view.
// - chat: a stall's room; the stall owner's messages are the merchant's, everyone else's are
//   residents'; deleted messages are left out. Conversations: distinct (stall, resident, local
//   day) with a resident's message. A question: a run of one resident's messages in a stall's room
//   with no merchant message in that room between them; it is answered by the merchant's next
//   message in that room (the room is shared: any merchant message counts), whenever it comes (a
//   question at 23:50 answered at 00:10 is answered). Questions count on the day they were asked;
//   the median of seconds to the answer is `percentile_cont(0.5)`.
// - sales: orders that were paid (REVENUE_ORDER_STATUSES) on their `paidAt` local day and hour,
//   and the session they were paid in. Money and items follow line-money.ts, as the revenue page
//   and the orders CSV do: paid = the lines as charged, refunded = the lines refused or refunded
//   (every line of a REFUNDED order, such as a late payment given back, so an order-level refund
//   falls on each stall by its own lines), net = paid − refunded, items = quantities not refunded.
//   A PAYMENT_MISMATCH refund gives back a payment never applied to the order: not revenue, not
//   here. For a stall: orders holding one of its lines, its lines' money.
// - buyers: distinct buyers of those orders; new = no paid order in any market of the same town
//   before the range; returning = at least one.
// - conversion: orders / stall-page visitors (per stall: orders with its lines / its visitors).
import { DateTime } from "luxon";
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { effectiveLineStatus, isRefundedLine, lineMoney } from "./line-money";
import { REVENUE_ORDER_STATUSES } from "./market-revenue.server";
import type {
  MarketReport,
  ReportDay,
  ReportHour,
  ReportRange,
  ReportScope,
  ReportSession,
  ReportStall,
  SalesFigures,
  VisitDevice,
  VisitSource,
} from "./report";
import { VISIT_DEVICES, VISIT_SOURCES } from "./report";
import { reportRangeDayList, reportRangeInstants } from "./report-range";

export { parseReportRange } from "./report-range";

/** What a route needs before it reads the range: the market's zone and its edition's days. */
export type ReportContext = { marketId: string; timezone: string; slug: string; edition: ReportRange | null };

/** The first and last local days of the market's sessions (cancelled ones left out); null: none. */
async function editionRange(marketId: string, timezone: string): Promise<ReportRange | null> {
  const bounds = await db.marketSession.aggregate({
    where: { marketId, cancelledAt: null },
    _min: { startsAt: true },
    _max: { endsAt: true },
  });
  if (!bounds._min.startsAt || !bounds._max.endsAt) return null;
  const from = DateTime.fromJSDate(bounds._min.startsAt, { zone: timezone }).toISODate()!;
  // A session ending at midnight ends on the day before.
  const to = DateTime.fromJSDate(new Date(bounds._max.endsAt.getTime() - 1), { zone: timezone }).toISODate()!;
  return { from, to: to < from ? from : to };
}

/** null: no such market. */
export async function getReportContext(marketId: string): Promise<ReportContext | null> {
  const market = await db.market.findUnique({ where: { id: marketId }, select: { timezone: true, slug: true } });
  if (!market) return null;
  return {
    marketId,
    timezone: market.timezone,
    slug: market.slug,
    edition: await editionRange(marketId, market.timezone),
  };
}

const emptySales = (): SalesFigures => ({ orders: 0, items: 0, paidCents: 0, refundedCents: 0, netCents: 0 });

const num = (value: number | bigint | string | null | undefined): number => (value == null ? 0 : Number(value));

/** A local date as PostgreSQL's `date` comes back (a Date at UTC midnight, or text): "2026-12-07". */
function isoDay(value: Date | string): string {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/**
 * One row of the visits query, by `kind`: "d" a day's visitor-days sharing (onStall, sources,
 * devices); "s" a stall's visitor-days and views; "h" an hour's views; "x" the views of one
 * (source, device).
 */
type VisitRow = {
  kind: "d" | "s" | "h" | "x";
  day: Date | string | null;
  hour: number | null;
  stallId: string | null;
  source: string | null;
  device: string | null;
  /** the visitor-day saw a stall page */
  onStall: boolean | null;
  /** bit i: the visitor-day came from VISIT_SOURCES[i] (outside the site) */
  sources: number | null;
  /** bit i: the visitor-day came from outside the site on VISIT_DEVICES[i] */
  devices: number | null;
  visitors: number | null;
  views: number;
  marketViews: number | null;
};

type LineRow = {
  day: Date;
  hour: number;
  sessionId: string | null;
  stallId: string;
  orderStatus: string;
  lineStatus: string;
  quantity: bigint;
  grossCents: bigint;
};

type OrderCountRow = {
  day: Date | null;
  hour: number | null;
  sessionId: string | null;
  stallId: string | null;
  g: number;
  orders: number;
};

type ChatRow = { day: Date; stallId: string; messages: number; conversations: number };

type QuestionRow = {
  stallId: string | null;
  g: number;
  questions: number;
  answered: number;
  median: number | null;
};

/**
 * The report of `marketId` over `range` (local days, checked by parseReportRange), for the whole
 * market or one stall of it. A stallId that is not of this market: a 404 Response (thrown).
 */
export async function buildMarketReport(
  marketId: string,
  range: ReportRange,
  scopeInput: { stallId?: string },
  now: Date,
): Promise<MarketReport> {
  const market = await db.market.findUnique({
    where: { id: marketId },
    select: { id: true, name: true, timezone: true, townId: true, town: { select: { name: true } } },
  });
  if (!market) throw new Response("Not found", { status: 404 });
  const tz = market.timezone;
  let scope: ReportScope = { kind: "market" };
  if (scopeInput.stallId) {
    const stall = await db.stall.findFirst({
      where: { id: scopeInput.stallId, marketId },
      select: { id: true, name: true },
    });
    if (!stall) throw new Response("Not found", { status: 404 });
    scope = { kind: "stall", stallId: stall.id, stallName: stall.name };
  }
  const stallId = scope.kind === "stall" ? scope.stallId : null;
  const { start, end } = reportRangeInstants(range, tz);
  const visitScope = stallId ? Prisma.sql`AND v."stallId" = ${stallId}` : Prisma.empty;
  const lineScope = stallId ? Prisma.sql`AND l."stallId" = ${stallId}` : Prisma.empty;
  const chatScope = stallId ? Prisma.sql`AND s."id" = ${stallId}` : Prisma.empty;
  const paidStatuses = Prisma.join([...REVENUE_ORDER_STATUSES]);
  // The session an instant falls in (sessions of a market do not overlap; the earliest wins).
  const sessionOf = (at: Prisma.Sql) => Prisma.sql`(
    SELECT ms."id" FROM "MarketSession" ms
    WHERE ms."marketId" = ${marketId} AND ms."cancelledAt" IS NULL AND ms."startsAt" <= ${at} AND ${at} < ms."endsAt"
    ORDER BY ms."startsAt" LIMIT 1)`;

  // The range's paid orders (of the stall: holding one of its lines), each with its local day and
  // hour and the session it was paid in, looked up once per order (MATERIALIZED: not once per line).
  const paidOrders = Prisma.sql`po AS MATERIALIZED (
    SELECT o."id", o."status",
           (o."paidAt" AT TIME ZONE ${tz})::date AS "day",
           extract(hour FROM o."paidAt" AT TIME ZONE ${tz})::int AS "hour",
           ${sessionOf(Prisma.sql`o."paidAt"`)} AS "sessionId"
    FROM "Order" o
    WHERE o."marketId" = ${marketId} AND o."status" IN (${paidStatuses})
      AND o."paidAt" >= ${start} AND o."paidAt" < ${end}
      ${stallId ? Prisma.sql`AND EXISTS (SELECT 1 FROM "OrderLine" sl WHERE sl."orderId" = o."id" AND sl."stallId" = ${stallId})` : Prisma.empty}
  )`;

  const [
    edition,
    stalls,
    sessions,
    visitRows,
    sessionVisitRows,
    lineRows,
    orderRows,
    buyerRows,
    chatRows,
    questionRows,
  ] = await Promise.all([
    editionRange(marketId, tz),
    db.stall.findMany({
      where: stallId ? { id: stallId } : { marketId, status: "APPROVED" },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
    db.marketSession.findMany({
      where: { marketId, cancelledAt: null, startsAt: { lt: end }, endsAt: { gt: start } },
      orderBy: { startsAt: "asc" },
      select: { id: true, startsAt: true, endsAt: true },
    }),
    // The range's views read once (v), then reduced to (day, visitor, page) (vp) and to visitor-days
    // (vd): every visitor figure is a count of those rows, so no DISTINCT (which sorts the rows
    // again for each grouping); views are int (a sum of int is a bigint, of bigint a numeric). A visitor-day's sources and devices are bit masks (VISIT_SOURCES,
    // VISIT_DEVICES), read in JS; rows of kind "d" are per (day, onStall, sources, devices).
    // Per-stall and per-source figures are sums of the days' uniques (see above).
    db.$queryRaw<VisitRow[]>`
        WITH v AS MATERIALIZED (
          SELECT "at" AT TIME ZONE ${tz} AS "local", "visitor", "stallId", "source", "device",
                 CASE WHEN "source" <> 'INTERNAL'
                   THEN 1 << (array_position(ARRAY[${Prisma.join([...VISIT_SOURCES])}]::text[], "source") - 1) END
                   AS "sourceBit",
                 CASE WHEN "source" <> 'INTERNAL'
                   THEN 1 << (array_position(ARRAY[${Prisma.join([...VISIT_DEVICES])}]::text[], "device") - 1) END
                   AS "deviceBit"
          FROM "PageVisit" v
          WHERE v."marketId" = ${marketId} AND v."at" >= ${start} AND v."at" < ${end} ${visitScope}
        ), vp AS (
          SELECT "local"::date AS "day", "visitor", "stallId", count(*)::int AS "views",
                 bit_or("sourceBit") AS "sources", bit_or("deviceBit") AS "devices"
          FROM v GROUP BY 1, 2, 3
        ), vd AS (
          SELECT "day", bool_or("stallId" IS NOT NULL) AS "onStall", sum("views") AS "views",
                 coalesce(sum("views") FILTER (WHERE "stallId" IS NULL), 0) AS "marketViews",
                 coalesce(bit_or("sources"), 0) AS "sources", coalesce(bit_or("devices"), 0) AS "devices"
          FROM vp GROUP BY "day", "visitor"
        )
        SELECT 'd' AS "kind", "day", NULL::int AS "hour", NULL::text AS "stallId", NULL::text AS "source",
               NULL::text AS "device", "onStall", "sources"::int, "devices"::int, count(*)::int AS "visitors",
               sum("views")::int AS "views", sum("marketViews")::int AS "marketViews"
        FROM vd GROUP BY "day", "onStall", "sources", "devices"
        UNION ALL
        SELECT 's', NULL, NULL, "stallId", NULL, NULL, NULL, NULL, NULL, count(*)::int, sum("views")::int, NULL
        FROM vp WHERE "stallId" IS NOT NULL GROUP BY "stallId"
        UNION ALL
        SELECT CASE WHEN GROUPING("hour") = 0 THEN 'h' ELSE 'x' END, NULL, "hour", NULL, "source", "device",
               NULL, NULL, NULL, NULL, count(*)::int, NULL
        FROM (SELECT extract(hour FROM "local")::int AS "hour", "source", "device" FROM v) h
        GROUP BY GROUPING SETS (("hour"), ("source", "device"))`,
    db.$queryRaw<{ sessionId: string; visitors: number; views: number }[]>`
        SELECT ms."id" AS "sessionId", count(DISTINCT v."visitor")::int AS "visitors", count(*)::int AS "views"
        FROM "MarketSession" ms
        JOIN "PageVisit" v ON v."marketId" = ms."marketId"
          AND v."at" >= greatest(ms."startsAt", ${start}) AND v."at" < least(ms."endsAt", ${end})
        WHERE ms."marketId" = ${marketId} AND ms."cancelledAt" IS NULL
          AND ms."startsAt" < ${end} AND ms."endsAt" > ${start} ${visitScope}
        GROUP BY ms."id"`,
    // Lines grouped by what the money rule reads (order and line status), then line-money.ts.
    db.$queryRaw<LineRow[]>`
        WITH ${paidOrders}
        SELECT o."day", o."hour", o."sessionId", l."stallId", o."status" AS "orderStatus",
               l."status" AS "lineStatus", sum(l."quantity")::bigint AS "quantity",
               sum(l."quantity" * l."unitPriceCents")::bigint AS "grossCents"
        FROM po o JOIN "OrderLine" l ON l."orderId" = o."id"
        WHERE TRUE ${lineScope}
        GROUP BY 1, 2, 3, 4, 5, 6`,
    // Orders counted once per group (an order across stalls is one order of the market).
    db.$queryRaw<OrderCountRow[]>`
        WITH ${paidOrders}, ol AS (
          SELECT DISTINCT o."id", l."stallId", o."day", o."hour", o."sessionId"
          FROM po o JOIN "OrderLine" l ON l."orderId" = o."id"
          WHERE TRUE ${lineScope}
        )
        SELECT "day", "hour", "sessionId", "stallId",
               GROUPING("day", "hour", "sessionId", "stallId")::int AS "g",
               count(DISTINCT "id")::int AS "orders"
        FROM ol GROUP BY GROUPING SETS (("day"), ("hour"), ("sessionId"), ("stallId"), ())`,
    db.$queryRaw<{ buyers: number; newBuyers: number }[]>`
        WITH b AS (
          SELECT DISTINCT o."buyerId" FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o."id"
          WHERE o."marketId" = ${marketId} AND o."status" IN (${paidStatuses})
            AND o."paidAt" >= ${start} AND o."paidAt" < ${end} ${lineScope}
        )
        SELECT count(*)::int AS "buyers",
               (count(*) FILTER (WHERE NOT EXISTS (
                 SELECT 1 FROM "Order" p JOIN "Market" pm ON pm."id" = p."marketId"
                 WHERE p."buyerId" = b."buyerId" AND pm."townId" = ${market.townId}
                   AND p."status" IN (${paidStatuses}) AND p."paidAt" < ${start})))::int AS "newBuyers"
        FROM b`,
    db.$queryRaw<ChatRow[]>`
        SELECT (c."createdAt" AT TIME ZONE ${tz})::date AS "day", c."stallId",
               count(*)::int AS "messages",
               (count(DISTINCT c."authorId") FILTER (WHERE c."authorId" <> s."ownerId"))::int AS "conversations"
        FROM "ChatMessage" c JOIN "Stall" s ON s."id" = c."stallId"
        WHERE s."marketId" = ${marketId} AND c."deletedAt" IS NULL
          AND c."createdAt" >= ${start} AND c."createdAt" < ${end} ${chatScope}
        GROUP BY 1, 2`,
    // Questions: a resident's messages between two merchant messages of the room ("turn" counts
    // the merchant messages before each message); the answer is the next merchant message.
    db.$queryRaw<QuestionRow[]>`
        WITH m AS (
          SELECT c."id", c."stallId", c."authorId", c."createdAt", c."authorId" = s."ownerId" AS "merchant"
          FROM "ChatMessage" c JOIN "Stall" s ON s."id" = c."stallId"
          WHERE s."marketId" = ${marketId} AND c."deletedAt" IS NULL AND c."createdAt" >= ${start} ${chatScope}
        ), w AS (
          SELECT m.*,
                 count(*) FILTER (WHERE "merchant")
                   OVER (PARTITION BY "stallId" ORDER BY "createdAt", "id" ROWS UNBOUNDED PRECEDING) AS "turn",
                 min("createdAt") FILTER (WHERE "merchant")
                   OVER (PARTITION BY "stallId" ORDER BY "createdAt" DESC, "id" DESC ROWS UNBOUNDED PRECEDING) AS "answerAt"
          FROM m
        ), q AS (
          SELECT "stallId", min("createdAt") AS "askedAt", min("answerAt") AS "answerAt"
          FROM w WHERE NOT "merchant" GROUP BY "stallId", "authorId", "turn"
        )
        SELECT "stallId", GROUPING("stallId")::int AS "g",
               count(*)::int AS "questions", count("answerAt")::int AS "answered",
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "answerAt" - "askedAt"))
                 AS "median"
        FROM q WHERE "askedAt" < ${end}
        GROUP BY GROUPING SETS (("stallId"), ())`,
  ]);

  // --- visits --------------------------------------------------------------------------------
  const dayNames = reportRangeDayList(range);
  const days = new Map<string, ReportDay>(
    dayNames.map((day) => [day, { day, visitors: 0, marketViews: 0, stallViews: 0, messages: 0, ...emptySales() }]),
  );
  const hours: ReportHour[] = Array.from({ length: 24 }, (_, hour) => ({ hour, views: 0, orders: 0, paidCents: 0 }));
  const sourceFigures = new Map<string, { visitors: number; views: number }>();
  const deviceFigures = new Map<string, { visitors: number; views: number }>();
  const stallVisits = new Map<string, { visitors: number; views: number }>();
  let stallPageVisitors = 0;
  const add = (map: Map<string, { visitors: number; views: number }>, key: string, visitors: number, views: number) => {
    const entry = map.get(key) ?? { visitors: 0, views: 0 };
    entry.visitors += visitors;
    entry.views += views;
    map.set(key, entry);
  };
  for (const row of visitRows) {
    const visitors = num(row.visitors);
    if (row.kind === "d" && row.day) {
      const day = days.get(isoDay(row.day));
      if (day) {
        day.visitors += visitors;
        day.marketViews += num(row.marketViews);
        day.stallViews += num(row.views) - num(row.marketViews);
      }
      if (row.onStall) stallPageVisitors += visitors;
      VISIT_SOURCES.forEach((source, i) => {
        if (num(row.sources) & (1 << i)) add(sourceFigures, source, visitors, 0);
      });
      VISIT_DEVICES.forEach((device, i) => {
        if (num(row.devices) & (1 << i)) add(deviceFigures, device, visitors, 0);
      });
    } else if (row.kind === "s" && row.stallId) {
      add(stallVisits, row.stallId, visitors, num(row.views));
    } else if (row.kind === "h" && row.hour != null) {
      hours[num(row.hour)].views += num(row.views);
    } else if (row.kind === "x" && row.source && row.source !== "INTERNAL") {
      add(sourceFigures, row.source, 0, num(row.views));
      if (row.device) add(deviceFigures, row.device, 0, num(row.views));
    }
  }

  // --- sales ---------------------------------------------------------------------------------
  const totalsSales = emptySales();
  const sessionSales = new Map<string, SalesFigures>();
  const stallSales = new Map<string, SalesFigures>();
  const addMoney = (figures: SalesFigures, money: { grossCents: number; refundedCents: number }, items: number) => {
    figures.paidCents += money.grossCents;
    figures.refundedCents += money.refundedCents;
    figures.netCents += money.grossCents - money.refundedCents;
    figures.items += items;
  };
  for (const row of lineRows) {
    const status = effectiveLineStatus(row.orderStatus, row.lineStatus);
    // The group's lines share their status: the rule of one line applies to their sum.
    const money = lineMoney({ quantity: 1, unitPriceCents: num(row.grossCents), status });
    const items = isRefundedLine(status) ? 0 : num(row.quantity);
    const targets: SalesFigures[] = [totalsSales];
    const day = days.get(isoDay(row.day));
    if (day) targets.push(day);
    if (row.sessionId) {
      if (!sessionSales.has(row.sessionId)) sessionSales.set(row.sessionId, emptySales());
      targets.push(sessionSales.get(row.sessionId)!);
    }
    if (!stallSales.has(row.stallId)) stallSales.set(row.stallId, emptySales());
    targets.push(stallSales.get(row.stallId)!);
    for (const figures of targets) addMoney(figures, money, items);
    hours[num(row.hour)].paidCents += money.grossCents;
  }
  // GROUPING bits: day 8, hour 4, sessionId 2, stallId 1.
  for (const row of orderRows) {
    const g = num(row.g);
    const orders = num(row.orders);
    if (g === 0b0111 && row.day) {
      const day = days.get(isoDay(row.day));
      if (day) day.orders = orders;
    } else if (g === 0b1011 && row.hour != null) {
      hours[num(row.hour)].orders = orders;
    } else if (g === 0b1101 && row.sessionId) {
      sessionSales.get(row.sessionId)!.orders = orders;
    } else if (g === 0b1110 && row.stallId) {
      stallSales.get(row.stallId)!.orders = orders;
    } else if (g === 0b1111) {
      totalsSales.orders = orders;
    }
  }

  // --- chat ----------------------------------------------------------------------------------
  const stallChat = new Map<string, { messages: number; conversations: number }>();
  let messages = 0;
  let conversations = 0;
  for (const row of chatRows) {
    const day = days.get(isoDay(row.day));
    if (day) day.messages += num(row.messages);
    const entry = stallChat.get(row.stallId) ?? { messages: 0, conversations: 0 };
    entry.messages += num(row.messages);
    entry.conversations += num(row.conversations);
    stallChat.set(row.stallId, entry);
    messages += num(row.messages);
    conversations += num(row.conversations);
  }
  const stallQuestions = new Map(questionRows.filter((r) => num(r.g) === 0 && r.stallId).map((r) => [r.stallId!, r]));
  const allQuestions = questionRows.find((r) => num(r.g) === 1);
  const median = (value: number | null | undefined) => (value == null ? null : Math.round(Number(value)));

  // --- assembled -----------------------------------------------------------------------------
  const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const stallRows: ReportStall[] = stalls.map((stall) => {
    const visits = stallVisits.get(stall.id) ?? { visitors: 0, views: 0 };
    const sales = stallSales.get(stall.id) ?? emptySales();
    const chat = stallChat.get(stall.id) ?? { messages: 0, conversations: 0 };
    const questions = stallQuestions.get(stall.id);
    return {
      stallId: stall.id,
      stallName: stall.name,
      visitors: visits.visitors,
      views: visits.views,
      conversations: chat.conversations,
      messages: chat.messages,
      questions: num(questions?.questions),
      answered: num(questions?.answered),
      medianFirstAnswerSeconds: median(questions?.median),
      conversion: ratio(sales.orders, visits.visitors),
      ...sales,
    };
  });
  // Busiest first: net revenue, then orders, then visitors; ties by name (already sorted).
  stallRows.sort((a, b) => b.netCents - a.netCents || b.orders - a.orders || b.visitors - a.visitors);

  const sessionVisits = new Map(sessionVisitRows.map((r) => [r.sessionId, r]));
  const sessionRows: ReportSession[] = sessions.map((session) => ({
    sessionId: session.id,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    visitors: num(sessionVisits.get(session.id)?.visitors),
    views: num(sessionVisits.get(session.id)?.views),
    ...(sessionSales.get(session.id) ?? emptySales()),
  }));

  const dayRows = [...days.values()];
  const buyers = buyerRows[0] ?? { buyers: 0, newBuyers: 0 };
  const marketViews = dayRows.reduce((sum, d) => sum + d.marketViews, 0);
  const stallViews = dayRows.reduce((sum, d) => sum + d.stallViews, 0);
  const questions = num(allQuestions?.questions);
  const answered = num(allQuestions?.answered);
  return {
    market: { id: market.id, name: market.name, townName: market.town.name, timezone: tz, currency: "eur" },
    range,
    edition,
    scope,
    computedAt: now.toISOString(),
    totals: {
      ...totalsSales,
      visitors: dayRows.reduce((sum, d) => sum + d.visitors, 0),
      views: marketViews + stallViews,
      marketViews,
      stallViews,
      buyers: num(buyers.buyers),
      newBuyers: num(buyers.newBuyers),
      returningBuyers: num(buyers.buyers) - num(buyers.newBuyers),
      averageBasketCents: totalsSales.orders > 0 ? Math.round(totalsSales.paidCents / totalsSales.orders) : null,
      conversations,
      messages,
      questions,
      answered,
      answeredShare: ratio(answered, questions),
      medianFirstAnswerSeconds: median(allQuestions?.median),
      conversion: ratio(totalsSales.orders, stallPageVisitors),
    },
    days: dayRows,
    sessions: sessionRows,
    hours,
    sources: VISIT_SOURCES.map((key: VisitSource) => ({
      key,
      ...(sourceFigures.get(key) ?? { visitors: 0, views: 0 }),
    })),
    devices: VISIT_DEVICES.map((key: VisitDevice) => ({
      key,
      ...(deviceFigures.get(key) ?? { visitors: 0, views: 0 }),
    })),
    stalls: stallRows,
  };
}

/** The market a stall's report is of (the merchant's route knows the stall only); null: no such stall. */
export async function getStallReportMarketId(stallId: string): Promise<string | null> {
  const stall = await db.stall.findUnique({ where: { id: stallId }, select: { marketId: true } });
  return stall?.marketId ?? null;
}
