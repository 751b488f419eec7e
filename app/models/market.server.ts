import { db } from "~/utils/db.server";
import { computeMarketStatus, type MarketStatus } from "./market-status";

export type MarketCard = {
  id: string;
  slug: string;
  name: string;
  description: string;
  coverUrl: string | null;
  timezone: string;
  townName: string;
  stallCount: number;
  status: MarketStatus;
};

/** Published markets split as the home page shows them: open now, to come, past. */
export async function listPublicMarkets(now: Date) {
  const markets = await db.market.findMany({
    where: { status: "PUBLISHED" },
    orderBy: { name: "asc" },
    include: {
      town: { select: { name: true } },
      sessions: { where: { cancelledAt: null }, select: { id: true, startsAt: true, endsAt: true } },
      _count: { select: { stalls: { where: { status: "APPROVED" } } } },
    },
  });
  const cards: MarketCard[] = markets.map((m) => ({
    id: m.id,
    slug: m.slug,
    name: m.name,
    description: m.description,
    coverUrl: m.coverUrl,
    timezone: m.timezone,
    townName: m.town.name,
    stallCount: m._count.stalls,
    status: computeMarketStatus(m.sessions, now),
  }));
  return {
    open: cards.filter((c) => c.status.open),
    upcoming: cards
      .filter((c) => !c.status.open && c.status.next)
      .sort((a, b) => a.status.next!.startsAt.localeCompare(b.status.next!.startsAt)),
    past: cards.filter((c) => !c.status.open && !c.status.next),
  };
}
