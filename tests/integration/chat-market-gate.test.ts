// Chat is written only while the stall's market is open. The server memoises whether a market is
// open until its next transition: these tests prove that memo never accepts a message in a closed
// market, at the exact closing instant, after a schedule written here or announced by another
// instance, and that it opens again on time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChatHistory } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { ask, ok, socketPool } from "../fixtures/chat";
import {
  createMarket,
  createOrganiser,
  createSession,
  createStall,
  createTown,
  createUser,
} from "../fixtures/factories";
import { startTestServer, type TestServer } from "../setup/server";

const T0 = new Date("2026-12-05T10:00:00Z");
const minutes = (n: number) => n * 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: T0 });
});
afterAll(() => server.close());
const sockets = socketPool(() => server);
afterEach(() => {
  sockets.closeAll();
  server.clock.set(T0);
});

/** A market with one session from +startMin to +endMin, a stall, and a visitor's socket. */
async function scene(startMin: number, endMin: number) {
  const town = await createTown();
  const organiser = await createOrganiser(town.id);
  const market = await createMarket(town.id);
  const session = await createSession(market.id, at(minutes(startMin)), at(minutes(endMin)));
  const merchant = await createUser();
  const stall = await createStall(market.id, merchant.id);
  const visitor = await createUser();
  const socket = await sockets.as(visitor.id);
  let n = 0;
  // Distinct users per call would dodge the rate limit; here one visitor sends a few, slowly enough.
  const send = () => ask(socket, "chat:send", { stallId: stall.id, body: `Message ${++n}` });
  return { market, session, stall, organiser, socket, send };
}

const refused = { ok: false, error: { code: "MARKET_CLOSED", message: expect.stringMatching(/fermé/) } };

describe("the market gate", () => {
  it("refuses before the opening, accepts from its first instant, refuses from the closing instant; history stays readable", async () => {
    const { stall, socket, send } = await scene(10, 70);
    expect(await send()).toMatchObject(refused);
    server.clock.set(at(minutes(10) - 1));
    expect(await send()).toMatchObject(refused);
    server.clock.set(at(minutes(10)));
    expect(await send()).toMatchObject({ ok: true });
    server.clock.set(at(minutes(70) - 1));
    expect(await send()).toMatchObject({ ok: true }); // the memo now says "open until +70 min"
    server.clock.set(at(minutes(70)));
    expect(await send()).toMatchObject(refused);
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(2);
    expect(ok(await ask<ChatHistory>(socket, "chat:history", { stallId: stall.id })).messages).toHaveLength(2);
  });

  it("refuses at once after an organiser closes the market, and accepts at once after they open it", async () => {
    const { market, organiser, stall, send } = await scene(-10, 60);
    expect(await send()).toMatchObject({ ok: true });
    // Through the server's own modules: the organiser's write in the server's process.
    const { closeNow, openNow } = server.services;
    expect((await closeNow(market.id, organiser.id, server.clock.now(), "Tempête")).ok).toBe(true);
    expect(await send()).toMatchObject({
      ok: false,
      error: { code: "MARKET_CLOSED", message: expect.stringMatching(/Tempête/) },
    });
    expect((await openNow(market.id, organiser.id, server.clock.now(), 30)).ok).toBe(true);
    expect(await send()).toMatchObject({ ok: true });
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(2);
  });

  it("refuses at once after a session is cancelled, and after another instance says it wrote the schedule", async () => {
    const first = await scene(-10, 60);
    expect(await first.send()).toMatchObject({ ok: true });
    // Written by the server's own client, as the organiser's page would.
    await server.services.db.marketSession.update({ where: { id: first.session.id }, data: { cancelledAt: T0 } });
    expect(await first.send()).toMatchObject(refused);

    // A write the server's client did not make (another instance's): only its announcement,
    // which arrives as dropPublicPageMemos(), may end the memo.
    const second = await scene(-10, 60);
    expect(await second.send()).toMatchObject({ ok: true });
    await db.$executeRaw`UPDATE "MarketSession" SET "cancelledAt" = ${T0} WHERE "id" = ${second.session.id}`;
    server.services.dropPublicPageMemos();
    expect(await second.send()).toMatchObject(refused);
  });
});
