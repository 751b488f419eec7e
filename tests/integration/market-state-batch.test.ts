// recordAnnouncements writes a check's announcements in a few statements; a town with many
// markets changing at the same instant must not exceed the bound parameters one statement takes.
import { describe, expect, it } from "vitest";
import { recordAnnouncements, type PendingAnnouncement } from "~/models/market-state.server";
import { db } from "~/utils/db.server";
import { createTown } from "../fixtures/factories";

const AT = "2026-12-05T08:00:00.000Z";
const UNTIL = "2026-12-05T12:00:00.000Z";

describe("recording many announcements at once", () => {
  it("records a thousand markets opening at the same instant in one call, each once", async () => {
    const town = await createTown();
    const ids = Array.from({ length: 1000 }, (_, i) => `batch-market-${i}`);
    await db.market.createMany({
      data: ids.map((id) => ({ id, townId: town.id, slug: id, name: id, status: "PUBLISHED" })),
    });
    await db.marketState.createMany({
      data: ids.map((marketId) => ({ marketId, open: false, since: new Date(0), nextTransitionAt: new Date(AT) })),
    });
    const changes: PendingAnnouncement[] = ids.map((marketId) => ({
      name: "session:opened",
      version: 0,
      event: {
        marketId,
        open: true,
        at: AT,
        announcedAt: AT,
        nextTransitionAt: UNTIL,
        closure: null,
        sessionId: null,
        cause: "SCHEDULE",
      },
    }));

    expect(await recordAnnouncements(changes)).toHaveLength(1000);
    expect(await db.marketState.count({ where: { market: { townId: town.id }, open: true, version: 1 } })).toBe(1000);
    expect(await db.marketTransition.count({ where: { market: { townId: town.id }, open: true } })).toBe(1000);
    // Said once: the same changes again win nothing.
    expect(await recordAnnouncements(changes)).toEqual([]);
  });
});
