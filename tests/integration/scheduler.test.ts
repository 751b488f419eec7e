// The scheduler against the real server, real sockets and the real database. Time is a TestClock:
// a test moves it and calls runOnce(), which is what the scheduler's own timer does at that instant.
import { afterEach, describe, expect, it } from "vitest";
import type { SessionTransitionEvent } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { createScheduler } from "../../server/scheduler";
import { createMarket, createSession, createStall, createTown, createUser } from "../fixtures/factories";
import { ManualTimers } from "../setup/manual-timers";
import {
  clientFor,
  connectSocket,
  startTestServer,
  TestClock,
  type TestServer,
  type TestSocket,
} from "../setup/server";
import { eventually } from "../setup/wait";

const T0 = new Date("2026-12-05T08:00:00Z");
const minutes = (n: number) => n * 60_000;
const after = (ms: number) => new Date(T0.getTime() + ms);

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(options: Parameters<typeof startTestServer>[0]) {
  const s = await startTestServer(options);
  cleanups.push(() => s.close());
  return s;
}

async function socketIn(s: TestServer, marketId: string, userId: string | null = null) {
  const socket = await connectSocket(s, await clientFor(s, userId));
  cleanups.push(() => socket.disconnect());
  const events: { name: string; event: SessionTransitionEvent }[] = [];
  socket.on("session:opened", (event) => events.push({ name: "session:opened", event }));
  socket.on("session:closed", (event) => events.push({ name: "session:closed", event }));
  socket.on("session:updated", (event) => events.push({ name: "session:updated", event }));
  const joined = await socket.emitWithAck("market:join", { marketId });
  expect(joined.ok).toBe(true);
  return { socket, events };
}

/** Waits until `events` holds `count` entries; the event travels a real socket after runOnce. */
async function until<T>(events: T[], count: number) {
  await eventually(() => events.length >= count, 2_000).catch(() => undefined);
  return events;
}

async function marketWithSession(startMin: number, endMin: number) {
  const town = await createTown();
  const market = await createMarket(town.id);
  const session = await createSession(market.id, after(minutes(startMin)), after(minutes(endMin)));
  return { town, market, session };
}

async function send(socket: TestSocket, stallId: string, body: string) {
  return socket.emitWithAck("chat:send", { stallId, body });
}

describe("scheduler announcing sessions", () => {
  it("tells a market room when the clock passes the start and the end, and gates chat on it", async () => {
    const { market, session } = await marketWithSession(10, 70);
    const merchant = await createUser();
    const stall = await createStall(market.id, merchant.id);
    const visitor = await createUser();
    const s = await server({ now: T0 });
    await s.scheduler.runOnce(); // first sight: the baseline, announced to nobody
    const { socket, events } = await socketIn(s, market.id, visitor.id);

    const closedAnswer = await send(socket, stall.id, "Bonjour, il reste du miel ?");
    expect(closedAnswer).toMatchObject({ ok: false, error: { code: "MARKET_CLOSED" } });
    expect(closedAnswer.ok || closedAnswer.error.message).toMatch(/fermé/);

    s.clock.set(after(minutes(10) - 1));
    await s.scheduler.runOnce();
    s.clock.set(after(minutes(10)));
    await s.scheduler.runOnce();
    await until(events, 1);
    expect(events).toEqual([
      {
        name: "session:opened",
        event: expect.objectContaining({
          marketId: market.id,
          open: true,
          sessionId: session.id,
          at: after(minutes(10)).toISOString(),
          nextTransitionAt: after(minutes(70)).toISOString(),
          cause: "SCHEDULE",
        }),
      },
    ]);

    await socket.emitWithAck("stall:join", { stallId: stall.id });
    const heard = new Promise((resolve) => socket.once("chat:message", resolve));
    const sent = await send(socket, stall.id, "Bonjour, il reste du miel ?");
    expect(sent).toMatchObject({ ok: true, data: { body: "Bonjour, il reste du miel ?" } });
    expect(await heard).toMatchObject({ body: "Bonjour, il reste du miel ?" });
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(1);

    s.clock.set(after(minutes(70)));
    await s.scheduler.runOnce();
    await until(events, 2);
    expect(events[1]).toMatchObject({ name: "session:closed", event: { open: false, sessionId: session.id } });

    const refused = await send(socket, stall.id, "Encore là ?");
    expect(refused).toMatchObject({ ok: false, error: { code: "MARKET_CLOSED" } });
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(1);

    // Nothing changes, nothing is said again.
    s.clock.advance(minutes(5));
    await s.scheduler.runOnce();
    // runOnce has emitted whatever it announces: an answer on the same socket comes after it.
    await socket.emitWithAck("market:leave", { marketId: "settle" });
    expect(events).toHaveLength(2);
  });

  it("announces only the present state after downtime, exactly once across restarts", async () => {
    const town = await createTown();
    const market = await createMarket(town.id);
    // Closed at T0; one opening passes while the server is down; the second is under way at restart.
    await createSession(market.id, after(minutes(10)), after(minutes(20)));
    const second = await createSession(market.id, after(minutes(30)), after(minutes(90)));
    const clock = new TestClock(T0);

    const first = await startTestServer({ clock });
    await first.scheduler.runOnce();
    await first.close();

    clock.set(after(minutes(45)));
    const restarted = await server({ clock });
    const { events } = await socketIn(restarted, market.id);
    const mine = (events: SessionTransitionEvent[]) => events.filter((e) => e.marketId === market.id);
    const announced = mine(await restarted.scheduler.runOnce());
    expect(announced).toEqual([
      expect.objectContaining({
        open: true,
        sessionId: second.id,
        at: after(minutes(30)).toISOString(),
        cause: "CATCH_UP",
      }),
    ]);
    await until(events, 1);
    expect(events.map((e) => e.name)).toEqual(["session:opened"]);

    // A second restart while still open says nothing.
    await restarted.close();
    const again = await server({ clock });
    expect(mine(await again.scheduler.runOnce())).toEqual([]);

    clock.set(after(minutes(95)));
    expect(mine(await again.scheduler.runOnce())).toEqual([
      expect.objectContaining({ open: false, cause: "CATCH_UP" }),
    ]);

    const log = await db.marketTransition.findMany({ where: { marketId: market.id }, orderBy: { announcedAt: "asc" } });
    expect(log.map((t) => [t.cause, t.open])).toEqual([
      ["BASELINE", false],
      ["CATCH_UP", true],
      ["CATCH_UP", false],
    ]);
  });

  it("announces an organiser's close-now with its reason, and opens again on schedule", async () => {
    const { market } = await marketWithSession(0, 120);
    const { closeNow, openNow } = await import("~/models/market-schedule.server");
    const organiser = await createUser();
    const s = await server({ now: after(minutes(30)) });
    await s.scheduler.runOnce();
    const { socket, events } = await socketIn(s, market.id);

    expect(await closeNow(market.id, organiser.id, s.clock.now(), "Tempête de neige")).toMatchObject({ ok: true });
    await s.scheduler.runOnce();
    await until(events, 1);
    expect(events[0]).toMatchObject({
      name: "session:closed",
      event: { open: false, cause: "OVERRIDE", closure: { reason: "Tempête de neige" } },
    });
    const rejoined = await socket.emitWithAck("market:join", { marketId: market.id });
    expect(rejoined).toMatchObject({ ok: true, data: { open: false, closure: { reason: "Tempête de neige" } } });

    s.clock.advance(minutes(10));
    expect(await openNow(market.id, organiser.id, s.clock.now(), 30)).toMatchObject({ ok: true });
    await s.scheduler.runOnce();
    await until(events, 2);
    expect(events[1]).toMatchObject({
      name: "session:opened",
      // Lifting the closure gives back the rest of the planned session, which ends later.
      event: { open: true, cause: "OVERRIDE", nextTransitionAt: after(minutes(120)).toISOString() },
    });
  });

  it("serves the stall page fresh after announcing a closure written outside the app (a script)", async () => {
    const { market } = await marketWithSession(0, 120);
    const owner = await createUser();
    const stall = await createStall(market.id, owner.id);
    const s = await server({ now: after(minutes(30)) });
    await s.scheduler.runOnce();
    const { events } = await socketIn(s, market.id);
    const page = async () => (await fetch(`${s.url}/m/${market.slug}/${stall.slug}`)).text();
    expect(await page()).not.toContain('data-testid="chat-closed"'); // and now cached

    // Raw SQL bypasses the client's write hooks, as another process's write would: only the
    // scheduler's announcement tells this process that its cached pages are stale.
    await db.$executeRaw`
      INSERT INTO "MarketOverride" ("id", "marketId", "kind", "startsAt", "endsAt", "reason", "createdAt")
      VALUES (${`script-${market.id}`}, ${market.id}, 'CLOSE', ${s.clock.now()}, ${after(minutes(90))}, 'Alerte neige', ${s.clock.now()})`;
    await s.scheduler.runOnce();
    await until(events, 1);
    expect(events[0]).toMatchObject({ name: "session:closed" });
    // What a visitor's page does on the announcement: load its data again.
    const html = await page();
    expect(html).toContain('data-testid="chat-closed"');
    expect(html).toContain("Alerte neige");
  });

  it("notices a jump of the clock on its own timer, within its capped sleep", async () => {
    const { market } = await marketWithSession(10, 70);
    // The next transition is ten minutes away, but the sleep is capped at 50 ms: nothing calls
    // runOnce here, so only the scheduler's own timer can see that the clock jumped past it.
    const timers = new ManualTimers();
    const s = await server({ now: T0, timers, scheduler: { auto: true, maxSleepMs: 50, leaseMs: 60_000 } });
    await eventually(() => s.scheduler.isLeader() && timers.waiting.includes(50));
    const { events } = await socketIn(s, market.id);
    s.clock.set(after(minutes(10)));
    timers.runAll(50);
    await until(events, 1);
    expect(events).toEqual([{ name: "session:opened", event: expect.objectContaining({ marketId: market.id }) }]);
  });

  it("announces an extension, which moves the closing time without closing, as session:updated", async () => {
    const { market } = await marketWithSession(0, 60);
    const { extendOpening } = await import("~/models/market-schedule.server");
    const organiser = await createUser();
    const s = await server({ now: after(minutes(30)) });
    await s.scheduler.runOnce();
    const { events } = await socketIn(s, market.id);

    expect(await extendOpening(market.id, organiser.id, s.clock.now(), 45)).toMatchObject({ ok: true });
    await s.scheduler.runOnce();
    await until(events, 1);
    expect(events).toEqual([
      {
        name: "session:updated",
        event: expect.objectContaining({ open: true, nextTransitionAt: after(minutes(105)).toISOString() }),
      },
    ]);
    // Said once; no opening or closing is logged for it.
    expect(await s.scheduler.runOnce()).toEqual([]);
    expect(await db.marketTransition.count({ where: { marketId: market.id, cause: { not: "BASELINE" } } })).toBe(0);

    s.clock.set(after(minutes(105)));
    await s.scheduler.runOnce();
    await until(events, 2);
    expect(events[1]).toMatchObject({
      name: "session:closed",
      event: { open: false, at: after(minutes(105)).toISOString() },
    });
  });

  it("closes a market that is unpublished while open", async () => {
    const { market } = await marketWithSession(0, 120);
    const s = await server({ now: after(minutes(5)) });
    await s.scheduler.runOnce();
    const { events } = await socketIn(s, market.id);
    await db.market.update({ where: { id: market.id }, data: { status: "ARCHIVED" } });
    await s.scheduler.runOnce();
    await until(events, 1);
    expect(events[0]).toMatchObject({ name: "session:closed", event: { open: false } });
  });
});

describe("one leader among several schedulers", () => {
  it("announces each transition once, and a standby takes over when the leader dies", async () => {
    const { market } = await marketWithSession(10, 20);
    await createSession(market.id, after(minutes(30)), after(minutes(40)));
    const clock = new TestClock(T0);
    const heard: Record<string, SessionTransitionEvent[]> = { a: [], b: [] };
    const make = (name: "a" | "b") =>
      createScheduler({
        now: clock.now,
        holder: name,
        leaseMs: 15_000,
        maxSleepMs: 30_000,
        announce: (event) => {
          if (event.marketId === market.id) heard[name]!.push(event);
        },
      });
    const schedulers = { a: make("a"), b: make("b") };
    const both = () => Promise.all([schedulers.a.runOnce(), schedulers.b.runOnce()]);

    await both();
    // Exactly one of the two, whichever's statement PostgreSQL ran first.
    expect([schedulers.a.isLeader(), schedulers.b.isLeader()].sort()).toEqual([false, true]);
    const [leaderName, standbyName] = schedulers.a.isLeader() ? (["a", "b"] as const) : (["b", "a"] as const);
    const leader = schedulers[leaderName];
    const standby = schedulers[standbyName];
    for (const at of [10, 20]) {
      clock.set(after(minutes(at)));
      // The clock jumped past the 15 s lease: whoever runs first leads. The leader's timer first,
      // then both at once, as their timers would: a second pass adds nothing.
      await leader.runOnce();
      await both();
    }
    expect(heard[leaderName]!.map((e) => e.open)).toEqual([true, false]);
    expect(heard[standbyName]).toEqual([]);

    // The leader dies without giving up its lease: the standby waits out the lease, then acts.
    await leader.stop({ releaseLease: false });
    clock.set(after(minutes(20) + 10_000));
    await standby.runOnce();
    expect(standby.isLeader()).toBe(false);
    clock.set(after(minutes(20) + 15_000));
    await standby.runOnce();
    expect(standby.isLeader()).toBe(true);
    clock.set(after(minutes(30)));
    expect((await standby.runOnce()).filter((e) => e.marketId === market.id)).toEqual([
      expect.objectContaining({ open: true }),
    ]);
    expect(heard[leaderName]!.map((e) => e.open)).toEqual([true, false]);
    expect(await db.marketTransition.count({ where: { marketId: market.id, cause: { not: "BASELINE" } } })).toBe(3);
    await standby.stop();
  });

  it("records a transition once even when several leaders race for it", async () => {
    const { market } = await marketWithSession(0, 60);
    const other = await marketWithSession(0, 60);
    const { loadWatchedMarkets, pendingAnnouncement, recordAnnouncements } =
      await import("~/models/market-state.server");
    // Baselines of "closed" from before the sessions started.
    for (const marketId of [market.id, other.market.id]) {
      await db.marketState.create({ data: { marketId, open: false, since: T0 } });
    }
    const now = after(minutes(1));
    // Eight schedulers that each loaded the same state, recording both markets in one batch.
    const views = await Promise.all(Array.from({ length: 8 }, () => loadWatchedMarkets(now)));
    const results = await Promise.all(
      views.map((markets) =>
        recordAnnouncements(
          markets
            .filter((m) => m.id === market.id || m.id === other.market.id)
            .map((m) => pendingAnnouncement(m, now, 30_000)!),
        ),
      ),
    );
    expect(
      results
        .flat()
        .map((a) => a.event.marketId)
        .sort(),
    ).toEqual([market.id, other.market.id].sort());
    expect(await db.marketTransition.count({ where: { marketId: other.market.id } })).toBe(1);
    expect(await db.marketTransition.count({ where: { marketId: market.id } })).toBe(1);
  });
});
