// The browser side of live pages: which markets a page joins, when the server's answer to a join
// means the page is out of date, and the server clock's skew.
import { describe, expect, it } from "vitest";
import { clockSkew, documentArrival } from "~/components/use-server-clock";
import { computeMarketStatus } from "~/models/market-status";
import type { Ack, MarketJoined, SessionTransitionEvent } from "~/realtime/events";
import {
  joinAnswerDiffers,
  MAX_LIVE_MARKETS,
  marketsToJoin,
  marketView,
  stateDiffers,
  type MarketView,
} from "~/realtime/market-view";

const NOW = new Date("2026-12-05T12:00:00Z");
const view = (over: Partial<MarketView> = {}): MarketView => ({
  id: "m1",
  open: true,
  nextTransitionAt: "2026-12-05T18:00:00.000Z",
  closure: null,
  ...over,
});
const answer = (over: Partial<MarketJoined> = {}): Ack<MarketJoined> => ({
  ok: true,
  data: { marketId: "m1", open: true, nextTransitionAt: "2026-12-05T18:00:00.000Z", closure: null, ...over },
});

describe("marketView", () => {
  it("keeps what the page shows of a status: open, next change, and the closing reason or null", () => {
    const open = computeMarketStatus(
      [{ id: "s1", startsAt: "2026-12-05T10:00:00Z", endsAt: "2026-12-05T18:00:00Z" }],
      NOW,
    );
    expect(marketView("m1", open)).toEqual(view());
    const closed = computeMarketStatus(
      [{ id: "s1", startsAt: "2026-12-05T10:00:00Z", endsAt: "2026-12-05T18:00:00Z" }],
      NOW,
      [{ id: "o1", kind: "CLOSE", startsAt: "2026-12-05T11:00:00Z", endsAt: "2026-12-05T18:00:00Z", reason: "" }],
    );
    expect(marketView("m1", closed)).toEqual(view({ open: false, nextTransitionAt: null, closure: "" }));
  });
});

describe("stateDiffers", () => {
  it("tells a change the page already shows (its own organiser's closing) from one it does not", () => {
    const event: SessionTransitionEvent = {
      marketId: "m1",
      open: false,
      at: NOW.toISOString(),
      announcedAt: NOW.toISOString(),
      sessionId: null,
      cause: "OVERRIDE",
      nextTransitionAt: null,
      closure: { reason: "Tempête", since: NOW.toISOString() },
    };
    expect(stateDiffers(view({ open: false, nextTransitionAt: null, closure: "Tempête" }), event)).toBe(false);
    expect(stateDiffers(view(), event)).toBe(true);
    expect(stateDiffers(view({ open: false, nextTransitionAt: null, closure: "Neige" }), event)).toBe(true);
  });
});

describe("joinAnswerDiffers", () => {
  it("is false when the server says what the page shows, whatever the instants' spelling", () => {
    expect(joinAnswerDiffers(view(), answer())).toBe(false);
    expect(joinAnswerDiffers(view({ nextTransitionAt: "2026-12-05T19:00:00+01:00" }), answer())).toBe(false);
    expect(
      joinAnswerDiffers(view({ open: false, nextTransitionAt: null }), answer({ open: false, nextTransitionAt: null })),
    ).toBe(false);
  });

  it("is true when the market opened or closed, its next change moved, or the organisers closed it", () => {
    expect(joinAnswerDiffers(view(), answer({ open: false }))).toBe(true);
    expect(joinAnswerDiffers(view(), answer({ nextTransitionAt: "2026-12-05T18:30:00.000Z" }))).toBe(true);
    expect(joinAnswerDiffers(view(), answer({ nextTransitionAt: null }))).toBe(true);
    expect(joinAnswerDiffers(view({ nextTransitionAt: null }), answer())).toBe(true);
    const closure = { reason: "Tempête", since: NOW.toISOString() };
    expect(joinAnswerDiffers(view({ open: false }), answer({ open: false, closure }))).toBe(true);
    // Closed without a reason is still closed by the organisers: "" is not null.
    expect(joinAnswerDiffers(view({ open: false }), answer({ open: false, closure: { ...closure, reason: "" } }))).toBe(
      true,
    );
    expect(joinAnswerDiffers(view({ open: false, closure: "Tempête" }), answer({ open: false, closure }))).toBe(false);
    expect(joinAnswerDiffers(view({ open: false, closure: "Neige" }), answer({ open: false, closure }))).toBe(true);
  });

  it("reloads for a market no longer found, never for a refusal that says nothing about the market", () => {
    const refused = (code: "NOT_FOUND" | "RATE_LIMITED" | "SERVER_ERROR" | "BAD_REQUEST"): Ack<MarketJoined> => ({
      ok: false,
      error: { code, message: "…" },
    });
    expect(joinAnswerDiffers(view(), refused("NOT_FOUND"))).toBe(true);
    expect(joinAnswerDiffers(view(), refused("RATE_LIMITED"))).toBe(false);
    expect(joinAnswerDiffers(view(), refused("SERVER_ERROR"))).toBe(false);
    expect(joinAnswerDiffers(view(), refused("BAD_REQUEST"))).toBe(false);
  });
});

describe("marketsToJoin", () => {
  it("joins each market once, in the page's order", () => {
    const ids = marketsToJoin([view({ id: "b" }), view({ id: "a" }), view({ id: "b" })]).map((m) => m.id);
    expect(ids).toEqual(["b", "a"]);
  });

  it(`keeps the first ${MAX_LIVE_MARKETS} listed, under the server's 60 rooms per socket`, () => {
    const listed = Array.from({ length: 75 }, (_, i) => view({ id: `m${i}` }));
    const joined = marketsToJoin(listed);
    expect(MAX_LIVE_MARKETS).toBeLessThan(60);
    expect(joined).toHaveLength(MAX_LIVE_MARKETS);
    expect(joined.map((m) => m.id)).toEqual(listed.slice(0, MAX_LIVE_MARKETS).map((m) => m.id));
  });
});

describe("the server clock's skew", () => {
  it("dates the document from its first byte, not from when the page hydrated", () => {
    // Hydrating 3.2 s after the first byte (responseStart 150 ms, performance.now() 3,350 ms).
    const wallNow = Date.parse("2026-12-05T12:00:03.200Z");
    expect(documentArrival(wallNow, 3_350, 150)).toBe(Date.parse("2026-12-05T12:00:00.000Z"));
    // The server's clock read 12:00:00 too: no skew, although the page hydrated 3.2 s later.
    expect(clockSkew("2026-12-05T12:00:00.000Z", documentArrival(wallNow, 3_350, 150)!)).toBe(0);
    // A phone five minutes behind.
    expect(clockSkew("2026-12-05T12:00:00.000Z", Date.parse("2026-12-05T11:55:00.000Z"))).toBe(300_000);
  });

  it("knows nothing without a usable navigation entry", () => {
    expect(documentArrival(1_000_000, 500, undefined)).toBeNull();
    expect(documentArrival(1_000_000, 500, 0)).toBeNull();
    expect(documentArrival(1_000_000, 500, 900)).toBeNull();
  });
});
