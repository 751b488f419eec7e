// The pickup against the real server: the buyer's code and QR code (order page, paid email), the
// merchant's handover screen (a typed or scanned code, only in the stall's market and for its
// lines; every refusal writes nothing; misses are rate-limited per merchant) and the orders not
// collected in time, by the injected clock.
import jsQR from "jsqr";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "~/i18n";
import { listUncollected } from "~/models/handover.server";
import { announcePaidOrder } from "~/models/order-notify.server";
import { getBuyerPickupCode, pickupQrText, readPickupInput } from "~/models/pickup-code.server";
import { db } from "~/utils/db.server";
import {
  createMarket,
  createMarketScene,
  createProduct,
  createSession,
  createStall,
  createUser,
} from "../fixtures/factories";
import { createOrder } from "../fixtures/orders";
import { clientFor, startTestServer, type TestServer } from "../setup/server";

const NOW = new Date("2026-12-05T12:00:00Z");
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
});
afterAll(async () => {
  await server.close();
});

/** The page's text without tags, spaces collapsed: what a reader sees. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ");

/** What a phone camera reads from an image (SVG or PNG), as tests/unit/qr.test.ts does. */
async function scan(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image, { density: 300 })
    .resize(400, 400)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

/** A market with two stalls and a paid order holding lines of both (one of ours READY, one RESERVED, one REFUSED). */
async function scene() {
  const base = await createMarketScene(NOW);
  const buyer = await createUser({ name: "Camille Acheteuse" });
  const second = await createProduct(base.stall.id, { name: "Nougat de Montélimar" });
  const refused = await createProduct(base.stall.id, { name: "Pain d’épices" });
  const neighbour = await createUser({ name: "Voisin" });
  const neighbourStall = await createStall(base.market.id, neighbour.id, { name: "Vin chaud du voisin" });
  const neighbourProduct = await createProduct(neighbourStall.id, { name: "Vin chaud" });
  const order = await createOrder({
    marketId: base.market.id,
    buyerId: buyer.id,
    paidAt: NOW,
    lines: [
      { product: base.product, quantity: 2, status: "READY" },
      { product: second, quantity: 1 },
      { product: refused, quantity: 1, status: "REFUSED" },
      { product: neighbourProduct, quantity: 3 },
    ],
  });
  const url = `/merchant/stalls/${base.stall.id}/handover`;
  const owner = await clientFor(server, base.merchant.id);
  return { ...base, buyer, neighbour, neighbourStall, order, url, owner };
}

type Scene = Awaited<ReturnType<typeof scene>>;

const lines = (orderId: string) =>
  db.orderLine.findMany({
    where: { orderId },
    orderBy: { id: "asc" },
    select: { stallId: true, status: true, collectedAt: true },
  });

/** Posts the form and returns the status and the page's text; checks nothing was written on a refusal. */
async function post(s: Scene, intent: "find" | "hand", code: string, client = s.owner) {
  const before = await lines(s.order.id);
  const versionBefore = (await db.order.findUniqueOrThrow({ where: { id: s.order.id } })).version;
  const response = await client.post(s.url, { intent, code });
  const page = text(await response.text());
  if (response.status !== 200 || intent === "find") {
    expect(await lines(s.order.id)).toEqual(before);
    expect((await db.order.findUniqueOrThrow({ where: { id: s.order.id } })).version).toBe(versionBefore);
  }
  return { status: response.status, page, headers: response.headers };
}

describe("the buyer's pickup code", () => {
  it("is on the buyer's page of a paid order only, with a QR code the handover screen reads back", async () => {
    const s = await scene();
    const buyer = await clientFor(server, s.buyer.id);
    const page = await (await buyer.get(`/orders/${s.order.id}`)).text();
    expect(text(page)).toContain("Votre code de retrait");
    expect(text(page)).toContain("Montrez ce code au stand");
    expect(text(page)).toContain(s.order.pickupCode);

    // The page's QR code, not the header's icons (svg elements without text).
    const svg = page.match(/<svg(?:(?!<\/svg>)[\s\S])*?QR code de retrait[\s\S]*?<\/svg>/)?.[0];
    expect(svg).toContain('aria-label="QR code de retrait, code');
    const read = await scan(Buffer.from(svg!));
    expect(read).toBe(pickupQrText(s.market.id, s.order.pickupCode));
    expect(read).toBe(`CHALET:${s.market.id}:${s.order.pickupCode}`);
    expect(readPickupInput(read!)).toEqual({ code: s.order.pickupCode, marketId: s.market.id });
    // What the scanner posts is what the handover screen accepts.
    const found = await post(s, "find", read!);
    expect(found.status).toBe(200);
    expect(found.page).toContain(`Commande ${s.order.reference}`);

    // Nobody else sees it (a 404, as for any order not theirs), and an unpaid order has none yet.
    expect((await (await clientFor(server, s.merchant.id)).get(`/orders/${s.order.id}`)).status).toBe(404);
    const held = await createOrder({
      marketId: s.market.id,
      buyerId: s.buyer.id,
      status: "RESERVED",
      lines: [{ product: s.product, quantity: 1 }],
    });
    const heldPage = text(await (await buyer.get(`/orders/${held.id}`)).text());
    expect(heldPage).not.toContain("Votre code de retrait");
    expect(heldPage).not.toContain(held.pickupCode);
    expect(await getBuyerPickupCode(s.merchant.id, s.order.id, createTranslator("fr"))).toBeNull();
  });

  it("is in the paid email, as text and as a PNG QR code in its HTML", async () => {
    const s = await scene();
    await announcePaidOrder(s.order.id);
    const email = await db.outboxEmail.findFirstOrThrow({ where: { to: s.buyer.email } });
    expect(email.text).toContain(`Votre code de retrait\u00a0: ${s.order.pickupCode}`);
    expect(email.text).toContain(`/orders/${s.order.id}`);
    const png = email.html?.match(/src="data:image\/png;base64,([^"]+)"/)?.[1];
    expect(png).toBeTruthy();
    expect(await scan(Buffer.from(png!, "base64"))).toBe(pickupQrText(s.market.id, s.order.pickupCode));
    expect(email.html).toContain(`>${s.order.pickupCode}</p>`);
  });
});

describe("the handover screen", () => {
  it("finds the order by its typed code and shows only this stall's lines and the buyer's name", async () => {
    const s = await scene();
    const typed = `${s.order.pickupCode.slice(0, 3).toLowerCase()} ${s.order.pickupCode.slice(3)}`;
    const found = await post(s, "find", typed);
    expect(found.status).toBe(200);
    expect(found.page).toContain(`Commande ${s.order.reference}`);
    expect(found.page).toContain("Au nom de Camille Acheteuse");
    expect(found.page).toContain(`2 × ${s.product.name} Prête`);
    expect(found.page).toContain("1 × Nougat de Montélimar À préparer");
    expect(found.page).toContain("1 × Pain d’épices Refusée, remboursée");
    expect(found.page).not.toContain("Vin chaud");
    expect(found.page).not.toContain(s.buyer.email);
  });

  it("'Remis' collects this stall's RESERVED and READY lines at the clock's time, once; the rest is untouched", async () => {
    const s = await scene();
    const handed = await post(s, "hand", s.order.pickupCode);
    expect(handed.status).toBe(200);
    expect(handed.page).toContain(`Commande ${s.order.reference} remise à Camille Acheteuse.`);
    const after = await lines(s.order.id);
    const ours = after.filter((l) => l.stallId === s.stall.id);
    expect(ours.map((l) => l.status)).toEqual(["COLLECTED", "COLLECTED", "REFUSED"]);
    expect(ours.map((l) => l.collectedAt)).toEqual([NOW, NOW, null]);
    expect(after.find((l) => l.stallId === s.neighbourStall.id)).toMatchObject({
      status: "RESERVED",
      collectedAt: null,
    });
    expect((await db.order.findUniqueOrThrow({ where: { id: s.order.id } })).version).toBe(1);

    // Again (another phone, or the buyer back later): said when, nothing written.
    for (const intent of ["hand", "find"] as const) {
      const again = await post(s, intent, s.order.pickupCode);
      expect(again.status).toBe(409);
      expect(again.page).toContain("Déjà remise le samedi 5 décembre à 13:00.");
    }
  });

  it("two phones pressing 'Remis' together hand the order over once", async () => {
    const s = await scene();
    const other = await clientFor(server, s.merchant.id);
    const answers = await Promise.all([
      s.owner.post(s.url, { intent: "hand", code: s.order.pickupCode }),
      other.post(s.url, { intent: "hand", code: s.order.pickupCode }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await db.order.findUniqueOrThrow({ where: { id: s.order.id } })).version).toBe(1);
  });

  it("refuses, with a clear message and nothing written: another stall's order, another market's code, unknown, malformed, unpaid, refunded", async () => {
    const s = await scene();
    const onlyNeighbour = await createOrder({
      marketId: s.market.id,
      buyerId: s.buyer.id,
      lines: [{ product: await createProduct(s.neighbourStall.id), quantity: 1 }],
    });
    const elsewhere = await createMarket(s.town.id);
    await createSession(elsewhere.id, new Date(NOW.getTime() - 3600_000), new Date(NOW.getTime() + 3600_000));
    const elsewhereStall = await createStall(elsewhere.id, s.merchant.id);
    const elsewhereOrder = await createOrder({
      marketId: elsewhere.id,
      buyerId: s.buyer.id,
      lines: [{ product: await createProduct(elsewhereStall.id), quantity: 1 }],
    });

    const cases: [string, number, string][] = [
      [onlyNeighbour.pickupCode, 404, "Cette commande n’a rien à ce stand."],
      [
        pickupQrText(elsewhere.id, elsewhereOrder.pickupCode),
        404,
        "Ce QR code est celui d’une commande d’un autre marché.",
      ],
      // The merchant's other stall's order, typed here: not of this market.
      [elsewhereOrder.pickupCode, 404, "Aucune commande de ce marché n’a ce code."],
      ["ZZZZZZ", 404, "Aucune commande de ce marché n’a ce code."],
      ["K0O1IL", 400, "Ce n’est pas un code de retrait"],
      ["CHALET::ABCDEF", 400, "Ce n’est pas un code de retrait"],
      ["", 400, "Tapez le code de retrait du client."],
      ["X".repeat(101), 400, "Ce n’est pas un code de retrait"],
    ];
    for (const [code, status, message] of cases) {
      for (const intent of ["find", "hand"] as const) {
        const answer = await post(s, intent, code);
        expect([code, intent, answer.status]).toEqual([code, intent, status]);
        expect(answer.page).toContain(message);
      }
    }
    const touched = { orderId: { in: [s.order.id, onlyNeighbour.id, elsewhereOrder.id] } };
    expect(await db.orderLine.count({ where: { ...touched, status: "COLLECTED" } })).toBe(0);

    for (const [status, message] of [
      ["RESERVED", "Cette commande n’est pas payée : rien à remettre."],
      ["RELEASED", "Cette commande n’est pas payée : rien à remettre."],
      ["REFUNDED", "Cette commande a été remboursée : rien à remettre."],
    ] as const) {
      await db.order.update({ where: { id: s.order.id }, data: { status } });
      for (const intent of ["find", "hand"] as const) {
        const answer = await post(s, intent, s.order.pickupCode);
        expect([status, intent, answer.status]).toEqual([status, intent, 409]);
        expect(answer.page).toContain(message);
      }
    }
    expect(await db.orderLine.count({ where: { ...touched, collectedAt: { not: null } } })).toBe(0);
  });

  it("is the stall owner's only: another merchant cannot look a code up or hand over", async () => {
    const s = await scene();
    const stranger = await clientFor(server, s.neighbour.id);
    for (const intent of ["find", "hand"] as const) {
      const answer = await post(s, intent, s.order.pickupCode, stranger);
      expect(answer.status).toBe(403);
      expect(answer.page).not.toContain(s.order.reference);
    }
    expect((await stranger.get(s.url)).status).toBe(403);
  });

  it("counts a merchant's codes that find nothing of the stall: the 21st in 10 minutes is refused (429), even a right one", async () => {
    const s = await scene();
    for (let i = 0; i < 20; i++) {
      const miss = await post(s, "find", `ZZZZ${"ABCDEFGHJK"[Math.floor(i / 10)]}${"ABCDEFGHJK"[i % 10]}`);
      expect(miss.status).toBe(404);
    }
    const refused = await post(s, "hand", s.order.pickupCode);
    expect(refused.status).toBe(429);
    expect(refused.page).toMatch(/Trop de codes inconnus d’affilée. Réessayez dans \d+ secondes./);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Typos are not guesses (not counted); another merchant has their own count.
    expect((await post(s, "find", "0000")).status).toBe(400);
    const neighbourOrder = await createOrder({
      marketId: s.market.id,
      buyerId: s.buyer.id,
      lines: [{ product: await createProduct(s.neighbourStall.id), quantity: 1 }],
    });
    const neighbour = await clientFor(server, s.neighbour.id);
    const theirs = await neighbour.post(`/merchant/stalls/${s.neighbourStall.id}/handover`, {
      intent: "find",
      code: neighbourOrder.pickupCode,
    });
    expect(theirs.status).toBe(200);
  });
});

describe("orders not collected in time", () => {
  /**
   * A market in Paris open on 5 December around NOW and on the 6th 10:00–19:00 (09:00–18:00 UTC),
   * a pickup slot on the 5th 17:00–18:00, and orders of our stall in each state, one of another
   * stall, one without a slot.
   */
  async function lateScene() {
    const base = await createMarketScene(NOW);
    await createSession(base.market.id, new Date("2026-12-06T09:00:00Z"), new Date("2026-12-06T18:00:00Z"));
    const point = await db.pickupPoint.create({
      data: { marketId: base.market.id, name: "Parvis de l’hôtel de ville" },
    });
    const slot = await db.pickupSlot.create({
      data: {
        pickupPointId: point.id,
        startsAt: new Date("2026-12-05T16:00:00Z"),
        endsAt: new Date("2026-12-05T17:00:00Z"),
        capacity: 10,
      },
    });
    const buyer = await createUser({ name: "Hugo Retardataire" });
    const neighbourStall = await createStall(base.market.id, (await createUser()).id, { name: "Bretzels d’Alsace" });
    const neighbourProduct = await createProduct(neighbourStall.id);
    const order = (status?: string, withSlot = true, product = base.product) =>
      createOrder({ marketId: base.market.id, buyerId: buyer.id, lines: [{ product, quantity: 1, status }] }).then(
        (o) => (withSlot ? db.order.update({ where: { id: o.id }, data: { pickupSlotId: slot.id } }) : o),
      );
    return {
      ...base,
      slotted: await order(),
      ready: await order("READY"),
      collected: await order("COLLECTED"),
      refused: await order("REFUSED"),
      neighbours: await order(undefined, true, neighbourProduct),
      noSlot: await order(undefined, false),
      neighbourStall,
    };
  }

  it("lists an order once its slot's day is over in the market's time zone, and one without a slot once the market has ended", async () => {
    const s = await lateScene();
    const references = async (scope: { marketId: string } | { stallId: string }, now: string) =>
      (await listUncollected(scope, new Date(now))).map((o) => `${o.reference} ${o.stall.name}`);
    const mine = (...orders: { reference: string }[]) => orders.map((o) => `${o.reference} ${s.stall.name}`);

    // 23:59 in Paris on the slot's day: nothing yet.
    expect(await references({ stallId: s.stall.id }, "2026-12-05T22:59:00Z")).toEqual([]);
    // Midnight in Paris (23:00 UTC): the slotted orders still to hand over, not the collected or refused one.
    expect(await references({ stallId: s.stall.id }, "2026-12-05T23:00:00Z")).toEqual(mine(s.slotted, s.ready));
    expect(await references({ marketId: s.market.id }, "2026-12-05T23:00:00Z")).toEqual([
      ...mine(s.slotted, s.ready),
      `${s.neighbours.reference} Bretzels d’Alsace`,
    ]);

    // Once the market's last session (on the 6th) has ended, the order without a slot too.
    expect(await references({ stallId: s.stall.id }, "2026-12-06T12:00:00Z")).toEqual(mine(s.slotted, s.ready));
    expect(await references({ stallId: s.stall.id }, "2026-12-06T18:00:01Z")).toEqual(
      mine(s.slotted, s.ready, s.noSlot),
    );
  });

  it("shows them on the stall's orders tab and the market's orders tab, by the server's clock", async () => {
    const s = await lateScene();
    const merchant = await clientFor(server, s.merchant.id);
    const organiser = await clientFor(server, s.organiser.id);
    const stallPage = `/merchant/stalls/${s.stall.id}/orders`;
    const marketPage = `/organiser/markets/${s.market.id}/orders`;
    try {
      server.clock.set("2026-12-05T22:00:00Z");
      expect(text(await (await merchant.get(stallPage)).text())).not.toContain("À relancer");
      server.clock.set("2026-12-06T08:00:00Z");
      const stall = text(await (await merchant.get(stallPage)).text());
      expect(stall).toContain("À relancer : non retirées (2)");
      expect(stall).toContain(`${s.slotted.reference} · Hugo Retardataire`);
      expect(stall).toContain("Créneau du samedi 5 décembre, 17:00–18:00, Parvis de l’hôtel de ville");
      expect(stall).not.toContain(s.neighbours.reference);
      const market = text(await (await organiser.get(marketPage)).text());
      expect(market).toContain("À relancer : non retirées (3)");
      expect(market).toContain(`${s.neighbours.reference} · Hugo Retardataire`);
      expect(market).toContain("Bretzels d’Alsace");
      expect((await merchant.get(marketPage)).status).toBe(403);
    } finally {
      server.clock.set(NOW);
    }
  });
});
