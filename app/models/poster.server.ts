// What a printable poster shows: a published market, or one of its approved stalls, with the
// market's opening times to come. Null (a 404) for anything a visitor could not see.
import { getPublicMarket } from "./market.server";
import { POSTER_RUNS_MAX, sessionRuns } from "./poster";
import { getPublicStall } from "./stall.server";

export async function getPoster(marketSlug: string, stallSlug: string | null, now: Date) {
  const [market, stall] = await Promise.all([
    getPublicMarket(marketSlug, now),
    stallSlug ? getPublicStall(marketSlug, stallSlug) : null,
  ]);
  if (!market || (stallSlug && !stall)) return null;
  const runs = sessionRuns(market.upcomingSessions, market.timezone);
  return {
    path: stall ? `/m/${market.slug}/${stall.slug}` : `/m/${market.slug}`,
    townName: market.townName,
    timezone: market.timezone,
    market: { slug: market.slug, name: market.name, townSlug: market.townSlug },
    stall: stall && { name: stall.name, chaletNumber: stall.chaletNumber },
    runs: runs.slice(0, POSTER_RUNS_MAX),
    moreDates: runs.length > POSTER_RUNS_MAX,
  };
}
