// What a published market's calendar file lists: its sessions that are not cancelled.
import { db } from "~/utils/db.server";

/** The market behind `/m/<slug>/agenda.ics`, or null when there is no published market by that slug. */
export async function getMarketCalendar(slug: string) {
  return db.market.findFirst({
    where: { slug, status: "PUBLISHED" },
    select: {
      slug: true,
      name: true,
      timezone: true,
      town: { select: { name: true } },
      sessions: {
        where: { cancelledAt: null },
        orderBy: { startsAt: "asc" },
        select: { id: true, startsAt: true, endsAt: true, cancelledAt: true },
      },
    },
  });
}
