// The plan of the square against the real server: numbers given at approval (one after another
// and two at once), never renumbered, cleared on rejection; the organiser's plan editor (moves,
// renumbering, swaps, refusals); who may not touch it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overlaps } from "~/models/market-plan";
import { db } from "~/utils/db.server";
import {
  createMarket,
  createOrganiser,
  createProduct,
  createStall,
  createTown,
  createUser,
} from "../fixtures/factories";
import { createOrder } from "../fixtures/orders";
import { clientFor, startTestServer, type TestClient, type TestServer } from "../setup/server";

const NOW = new Date("2026-11-28T12:00:00Z");

let server: TestServer;
let town: Awaited<ReturnType<typeof createTown>>;
let organiser: TestClient;
let otherOrganiser: TestClient;
let merchantClient: TestClient;
let residentClient: TestClient;
let anonymous: TestClient;
let merchant: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  town = await createTown();
  const otherTown = await createTown();
  organiser = await clientFor(server, (await createOrganiser(town.id)).id);
  otherOrganiser = await clientFor(server, (await createOrganiser(otherTown.id)).id);
  merchant = await createUser({ name: "Merchant" });
  merchantClient = await clientFor(server, merchant.id);
  residentClient = await clientFor(server, (await createUser({ name: "Resident" })).id);
  anonymous = await clientFor(server, null);
});
afterAll(() => server.close());

const stallsUrl = (marketId: string) => `/organiser/markets/${marketId}/stalls`;
const planUrl = (marketId: string) => `/organiser/markets/${marketId}/plan`;

async function pendingStalls(marketId: string, count: number) {
  const stalls = [];
  for (let i = 0; i < count; i++) {
    stalls.push(await createStall(marketId, merchant.id, { status: "PENDING", name: `Chalet ${i}` }));
  }
  return stalls;
}

function approve(marketId: string, stallId: string) {
  return organiser.post(stallsUrl(marketId), { stallId, decision: "APPROVED" });
}

const planOf = (marketId: string) =>
  db.stall.findMany({
    where: { marketId },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, chaletNumber: true, planX: true, planY: true },
  });

/** A market whose stalls have been approved through the organiser's page, one after another. */
async function approvedMarket(count: number) {
  const market = await createMarket(town.id);
  const stalls = await pendingStalls(market.id, count);
  for (const stall of stalls) expect((await approve(market.id, stall.id)).status).toBe(200);
  return { market, stalls };
}

describe("numbers and spots given at approval", () => {
  it("numbers stalls approved one after another 1, 2, 3 on distinct spots, and never renumbers them", async () => {
    const market = await createMarket(town.id);
    const [a, b, c, d] = await pendingStalls(market.id, 4);
    const first = await approve(market.id, b!.id);
    expect(first.status).toBe(200);
    // The organiser is told the number, to pass on to the merchant for their pickup text.
    expect(await first.text()).toContain("Il a le chalet n°\u00a01 sur le plan.");
    expect((await approve(market.id, a!.id)).status).toBe(200);
    expect((await approve(market.id, d!.id)).status).toBe(200);
    const before = await planOf(market.id);
    expect(before.map((s) => s.chaletNumber)).toEqual([2, 1, null, 3]);

    // c is approved later: it takes the next number and a spot of its own; the others keep theirs.
    expect((await approve(market.id, c!.id)).status).toBe(200);
    const after = await planOf(market.id);
    expect(after.map((s) => s.chaletNumber)).toEqual([2, 1, 4, 3]);
    for (const i of [0, 1, 3]) expect(after[i]).toEqual(before[i]);
    for (const [i, s] of after.entries()) {
      for (const other of after.slice(i + 1)) expect(overlaps(s, other), `${s.id} / ${other.id}`).toBe(false);
    }

    // Approving an approved stall again changes nothing.
    expect((await approve(market.id, a!.id)).status).toBe(200);
    expect(await planOf(market.id)).toEqual(after);
  });

  it("gives distinct numbers and spots to stalls approved at the same moment", async () => {
    const market = await createMarket(town.id);
    const stalls = await pendingStalls(market.id, 6);
    const answers = await Promise.all(stalls.map((stall) => approve(market.id, stall.id)));
    expect(answers.map((a) => a.status)).toEqual(stalls.map(() => 200));
    const plan = await planOf(market.id);
    expect(plan.every((s) => s.status === "APPROVED")).toBe(true);
    expect(plan.map((s) => s.chaletNumber).sort((x, y) => x! - y!)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(plan.map((s) => `${s.planX},${s.planY}`)).size).toBe(6);
  });

  it("takes a rejected stall off the plan; approved again, it gets the next number, not an earlier one's", async () => {
    const { market, stalls } = await approvedMarket(3);
    const [, second] = stalls;
    const reject = await organiser.post(stallsUrl(market.id), { stallId: second!.id, decision: "REJECTED" });
    expect(reject.status).toBe(200);
    expect(await db.stall.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({
      status: "REJECTED",
      chaletNumber: null,
    });
    expect((await approve(market.id, second!.id)).status).toBe(200);
    expect((await planOf(market.id)).map((s) => s.chaletNumber)).toEqual([1, 4, 3]);
  });

  it("keeps a stall's spot when it is free, moves it off the tree or off another chalet", async () => {
    const market = await createMarket(town.id);
    const [placed, onTop] = await pendingStalls(market.id, 2);
    await db.stall.update({ where: { id: placed!.id }, data: { planX: 80, planY: 85 } });
    await db.stall.update({ where: { id: onTop!.id }, data: { planX: 82, planY: 83 } });
    await approve(market.id, placed!.id);
    await approve(market.id, onTop!.id);
    const [a, b] = await planOf(market.id);
    expect(a).toMatchObject({ planX: 80, planY: 85, chaletNumber: 1 });
    expect(overlaps(a!, b!)).toBe(false);
    expect(b!.chaletNumber).toBe(2);
  });
});

describe("the organiser's plan editor", () => {
  it("lists the approved chalets with their numbers", async () => {
    const { market } = await approvedMarket(2);
    const rejected = await createStall(market.id, merchant.id, { status: "REJECTED", name: "Refusé du plan" });
    const page = await organiser.get(planUrl(market.id));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Chalet n°\u00a01\u00a0: Chalet 0");
    expect(html).toContain("Chalet n°\u00a02\u00a0: Chalet 1");
    expect(html).not.toContain(rejected.name);
  });

  it("moves a chalet (a drop or the list's form): the spot changes, the number stays", async () => {
    const { market, stalls } = await approvedMarket(2);
    const [first] = stalls;
    const move = await organiser.post(planUrl(market.id), { intent: "move", stallId: first!.id, planX: 33, planY: 90 });
    expect(move.status).toBe(200);
    expect(await db.stall.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      chaletNumber: 1,
      planX: 33,
      planY: 90,
    });
    const save = await organiser.post(planUrl(market.id), {
      intent: "save",
      stallId: first!.id,
      chaletNumber: 1,
      planX: 0,
      planY: 100,
    });
    expect(save.status).toBe(200);
    expect(await db.stall.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      chaletNumber: 1,
      planX: 0,
      planY: 100,
    });
    // The market page draws it there, under its number.
    const html = await (await anonymous.get(`/m/${market.slug}`)).text();
    expect(html).toMatch(
      new RegExp(`data-chalet="${first!.slug}"><title>1\\. ${first!.name}</title><g transform="translate\\(8 92\\)"`),
    );
  });

  it("gives a chalet a free number; refuses a taken one (400, nothing written) unless asked to swap", async () => {
    const { market, stalls } = await approvedMarket(3);
    const [first, second] = stalls;
    const free = await organiser.post(planUrl(market.id), {
      intent: "save",
      stallId: first!.id,
      chaletNumber: 13,
      planX: 10,
      planY: 22,
    });
    expect(free.status).toBe(200);
    expect((await db.stall.findUniqueOrThrow({ where: { id: first!.id } })).chaletNumber).toBe(13);

    const before = await planOf(market.id);
    const taken = await organiser.post(planUrl(market.id), {
      intent: "save",
      stallId: second!.id,
      chaletNumber: 13,
      planX: 70,
      planY: 70,
    });
    expect(taken.status).toBe(400);
    // A plain form post: the page comes back with the refusal in the chalet's row.
    expect(await taken.text()).toContain(
      `Le n°\u00a013 est déjà celui du chalet «\u00a0${first!.name}\u00a0». Choisissez un autre numéro, ou cochez «\u00a0échanger\u00a0» pour que les deux chalets échangent leurs numéros.`,
    );
    expect(await planOf(market.id)).toEqual(before);

    const swap = await organiser.post(planUrl(market.id), {
      intent: "save",
      stallId: second!.id,
      chaletNumber: 13,
      planX: 70,
      planY: 70,
      swap: "on",
    });
    expect(swap.status).toBe(200);
    expect(await db.stall.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({
      chaletNumber: 13,
      planX: 70,
      planY: 70,
    });
    expect((await db.stall.findUniqueOrThrow({ where: { id: first!.id } })).chaletNumber).toBe(2);
  });

  it("refuses numbers outside 1–999 and positions outside 0–100 (400, nothing written)", async () => {
    const { market, stalls } = await approvedMarket(1);
    const stallId = stalls[0]!.id;
    const before = await planOf(market.id);
    const bad: Record<string, string | number>[] = [
      { intent: "save", chaletNumber: 0, planX: 10, planY: 10 },
      { intent: "save", chaletNumber: 1000, planX: 10, planY: 10 },
      { intent: "save", chaletNumber: "2.5", planX: 10, planY: 10 },
      { intent: "save", chaletNumber: "", planX: 10, planY: 10 },
      { intent: "save", chaletNumber: 1, planX: -1, planY: 10 },
      { intent: "save", chaletNumber: 1, planX: 10, planY: 101 },
      { intent: "move", planX: 10.5, planY: 10 },
      { intent: "move", planX: "abc", planY: 10 },
      { intent: "move", planX: 10 },
      { intent: "shuffle", chaletNumber: 1, planX: 10, planY: 10 },
    ];
    for (const fields of bad) {
      const answer = await organiser.post(planUrl(market.id), { stallId, ...fields });
      expect(answer.status, JSON.stringify(fields)).toBe(400);
    }
    const refusal = await organiser.post(planUrl(market.id), {
      intent: "save",
      stallId,
      chaletNumber: 1,
      planX: 10,
      planY: 101,
    });
    expect(await refusal.text()).toContain("Indiquez une position entière de 0 à 100.");
    expect(await planOf(market.id)).toEqual(before);
  });

  it("answers 404 for a stall of another market, or one not approved, through this market's URL", async () => {
    const { market } = await approvedMarket(1);
    const { market: sibling, stalls: siblingStalls } = await approvedMarket(1);
    const pending = await createStall(market.id, merchant.id, { status: "PENDING" });
    const before = [...(await planOf(market.id)), ...(await planOf(sibling.id))];
    for (const stallId of [siblingStalls[0]!.id, pending.id]) {
      const answer = await organiser.post(planUrl(market.id), { intent: "move", stallId, planX: 5, planY: 5 });
      expect(answer.status).toBe(404);
    }
    expect([...(await planOf(market.id)), ...(await planOf(sibling.id))]).toEqual(before);
  });
});

describe("where residents read the number", () => {
  it("shows the stored number on the stall page and the buyer's order, and follows the organiser's change", async () => {
    const { market, stalls } = await approvedMarket(2);
    const [, second] = stalls;
    const product = await createProduct(second!.id, { name: "Vin chaud", priceCents: 400 });
    const buyer = await createUser({ name: "Buyer" });
    const order = await createOrder({ marketId: market.id, buyerId: buyer.id, lines: [{ product, quantity: 1 }] });
    const buyerClient = await clientFor(server, buyer.id);
    const stallPage = () => anonymous.get(`/m/${market.slug}/${second!.slug}`).then((r) => r.text());
    const orderPage = () => buyerClient.get(`/orders/${order.id}`).then((r) => r.text());

    expect(await stallPage()).toContain("Chalet n°\u00a02 sur le plan de la place");
    expect(await orderPage()).toContain("Chalet n°\u00a02 sur le plan de la place");
    // Another stall approved later changes nothing; the organiser's new number shows at once.
    await approve(market.id, (await pendingStalls(market.id, 1))[0]!.id);
    expect(await stallPage()).toContain("Chalet n°\u00a02 sur le plan de la place");
    const save = await organiser.post(planUrl(market.id), {
      intent: "save",
      stallId: second!.id,
      chaletNumber: 21,
      planX: 10,
      planY: 92,
    });
    expect(save.status).toBe(200);
    expect(await stallPage()).toContain("Chalet n°\u00a021 sur le plan de la place");
    expect(await orderPage()).toContain("Chalet n°\u00a021 sur le plan de la place");
  });
});

describe("who may not touch the plan", () => {
  it("refuses a merchant of the market, a resident and another town's organiser (403), anonymous (log-in)", async () => {
    const { market, stalls } = await approvedMarket(2);
    // The merchant owns the stalls of this very market: still not an organiser.
    const before = await planOf(market.id);
    const actions: Record<string, string | number>[] = [
      { intent: "move", stallId: stalls[0]!.id, planX: 5, planY: 5 },
      { intent: "save", stallId: stalls[1]!.id, chaletNumber: 1, planX: 5, planY: 5, swap: "on" },
    ];
    for (const client of [merchantClient, residentClient, otherOrganiser]) {
      expect((await client.get(planUrl(market.id))).status).toBe(403);
      for (const fields of actions) expect((await client.post(planUrl(market.id), fields)).status).toBe(403);
    }
    const page = await anonymous.get(planUrl(market.id));
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    for (const fields of actions) expect((await anonymous.post(planUrl(market.id), fields)).status).toBe(302);
    expect(await planOf(market.id)).toEqual(before);
  });

  it("answers 404 for a market that does not exist", async () => {
    expect((await organiser.get("/organiser/markets/nope/plan")).status).toBe(404);
  });
});
