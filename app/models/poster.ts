// The opening times of a printed poster: a market open every day for three weeks is a few lines
// ("du samedi 5 au jeudi 10 décembre, 10:00 – 19:00"), not twenty rows. Pure, for the poster
// routes' loaders (app/routes/m.$marketSlug.affiche.tsx, m.$marketSlug.$stallSlug_.affiche.tsx).

type Session = { startsAt: string; endsAt: string };
/** Sessions on consecutive days at the same local hours: the first's and the last's start. */
export type SessionRun = { first: string; last: string; startsAt: string; endsAt: string };

/** How many lines of opening times a poster prints; the page has the rest. */
export const POSTER_RUNS_MAX = 8;

const parts = new Map<string, Intl.DateTimeFormat>();
/** "2026-12-05" and "10:00" where the market is. */
function local(instant: string, timeZone: string): { day: string; time: string } {
  let format = parts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    parts.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

function dayAfter(day: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** Sessions (in order) folded into runs of consecutive days with the same opening hours. */
export function sessionRuns(sessions: readonly Session[], timeZone: string): SessionRun[] {
  const runs: (SessionRun & { lastDay: string; hours: string })[] = [];
  for (const session of sessions) {
    const start = local(session.startsAt, timeZone);
    const hours = `${start.time}-${local(session.endsAt, timeZone).time}`;
    const previous = runs.at(-1);
    if (previous && previous.hours === hours && dayAfter(previous.lastDay) === start.day) {
      previous.last = session.startsAt;
      previous.lastDay = start.day;
    } else {
      runs.push({
        first: session.startsAt,
        last: session.startsAt,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        lastDay: start.day,
        hours,
      });
    }
  }
  return runs.map(({ first, last, startsAt, endsAt }) => ({ first, last, startsAt, endsAt }));
}
