// What organisers and merchants see of the money, against the real server and database: the
// commission setting (validation, authorization, nothing written on a refusal), the organiser's
// "Paiements" tab and reconciliation CSV computed from StallTransfer / TransferReversal /
// OrderRefund / OrderDispute rows (every figure checked), the stalls that cannot sell and their
// reminder (one per stall per hour, even when pressed twice at once), the commission on the
// invitation page and the merchant's per-order transfers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commissionPercentSchema, percentToBps } from "~/models/commission";
import { hashToken } from "~/models/invitation.server";
import { getMarketMoney, shareProRata } from "~/models/market-payouts.server";
import { listMerchantTransfers } from "~/models/merchant-payouts.server";
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

const NOW = new Date("2026-12-05T12:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

let server: TestServer;
let organiser: TestClient;
let secondOrganiser: TestClient;
let otherOrganiser: TestClient;
let resident: TestClient;
let anonymous: TestClient;
let town: Awaited<ReturnType<typeof createTown>>;

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

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  town = await createTown();
  const otherTown = await createTown();
  organiser = await clientFor(server, (await createOrganiser(town.id)).id);
  secondOrganiser = await clientFor(server, (await createOrganiser(town.id)).id);
  otherOrganiser = await clientFor(server, (await createOrganiser(otherTown.id)).id);
  resident = await clientFor(server, (await createUser({ name: "Résidente" })).id);
  anonymous = await clientFor(server, null);
});
afterAll(() => server.close());
beforeEach(() => server.clock.set(NOW));

function expectLoginRedirect(response: Response) {
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
}

describe("the commission, as a percentage", () => {
  it("reads digits, never floats: French comma, point, spaces and % accepted; empty is 0", () => {
    expect(percentToBps("2,5")).toBe(250);
    expect(percentToBps("2.55")).toBe(255);
    expect(percentToBps("0,05")).toBe(5);
    expect(percentToBps("30")).toBe(3000);
    expect(percentToBps(" 12 % ")).toBe(1200);
    expect(commissionPercentSchema.parse(undefined)).toBe(0);
    for (const bad of ["abc", "-1", "2.555", "1e1", "2,", ",5", "0x1", "2,5,1"]) {
      expect(commissionPercentSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(commissionPercentSchema.safeParse("30,01").error?.issues[0]?.message).toBe("money.commission.tooHigh");
    expect(commissionPercentSchema.safeParse("31").error?.issues[0]?.message).toBe("money.commission.tooHigh");
  });
});

describe("setting the commission in the market's settings", () => {
  const settings = (market: { name: string; slug: string }, commission: string, name = market.name) => ({
    name,
    slug: market.slug,
    description: "",
    timezone: "Europe/Paris",
    status: "PUBLISHED",
    commission,
  });

  it("refuses a bad value with 400 and a message next to the field, and writes nothing", async () => {
    const market = await createMarket(town.id);
    for (const bad of ["abc", "-1", "31", "2.555", "30,01", "100"]) {
      const response = await organiser.post(
        `/organiser/markets/${market.id}?index`,
        settings(market, bad, "Nom changé"),
      );
      expect(response.status, bad).toBe(400);
      const page = text(await response.text());
      expect(page).toMatch(
        /Indiquez un pourcentage entre 0 et 30, avec deux décimales au plus|La commission ne peut pas dépasser 30 %/,
      );
    }
    const html = await (await organiser.post(`/organiser/markets/${market.id}?index`, settings(market, "31"))).text();
    // The message is tied to the field for screen readers.
    expect(html).toMatch(/name="commission"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="commission"/);
    expect(await db.market.findUniqueOrThrow({ where: { id: market.id } })).toMatchObject({
      name: market.name,
      commissionBps: 0,
    });
  });

  it("stores a good value in basis points and shows it back with a French comma; empty is 0 %", async () => {
    const market = await createMarket(town.id);
    const saved = await organiser.post(`/organiser/markets/${market.id}?index`, settings(market, "2,5"));
    expect(saved.status).toBe(200);
    expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).commissionBps).toBe(250);
    expect(await (await organiser.get(`/organiser/markets/${market.id}`)).text()).toMatch(
      /name="commission"[^>]*value="2,5"|value="2,5"[^>]*name="commission"/,
    );

    await organiser.post(`/organiser/markets/${market.id}?index`, settings(market, "30"));
    expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).commissionBps).toBe(3000);
    await organiser.post(`/organiser/markets/${market.id}?index`, settings(market, "12.34"));
    expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).commissionBps).toBe(1234);
    await organiser.post(`/organiser/markets/${market.id}?index`, settings(market, ""));
    expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).commissionBps).toBe(0);
  });

  it("is refused to another town's organiser, a merchant, a resident (403) and anonymous visitors", async () => {
    const market = await createMarket(town.id);
    const merchant = await createUser();
    await createStall(market.id, merchant.id);
    const seller = await clientFor(server, merchant.id);
    for (const client of [otherOrganiser, seller, resident]) {
      expect((await client.post(`/organiser/markets/${market.id}?index`, settings(market, "5"))).status).toBe(403);
    }
    expectLoginRedirect(await anonymous.post(`/organiser/markets/${market.id}?index`, settings(market, "5")));
    expect((await db.market.findUniqueOrThrow({ where: { id: market.id } })).commissionBps).toBe(0);
  });
});

describe("the commission on the invitation page", () => {
  it("tells the merchant the rate before they accept, or that there is none", async () => {
    const market = await createMarket(town.id);
    await db.market.update({ where: { id: market.id }, data: { commissionBps: 750 } });
    const organiserId = (await db.membership.findFirstOrThrow({ where: { townId: town.id } })).userId;
    await db.invitation.create({
      data: {
        marketId: market.id,
        invitedById: organiserId,
        email: "invitee@example.test",
        tokenHash: hashToken("tok-commission"),
        expiresAt: minutes(60 * 24),
      },
    });
    const page = text(await (await anonymous.get("/invitations/tok-commission")).text());
    expect(page).toContain("Commission de la ville");
    expect(page).toContain("La ville prélève 7,5 % sur chacune de vos ventes.");

    const free = await createMarket(town.id);
    await db.invitation.create({
      data: {
        marketId: free.id,
        invitedById: organiserId,
        email: "invitee@example.test",
        tokenHash: hashToken("tok-free"),
        expiresAt: minutes(60 * 24),
      },
    });
    expect(text(await (await anonymous.get("/invitations/tok-free")).text())).toContain(
      "La ville ne prélève aucune commission sur vos ventes.",
    );
  });
});

describe("fees shared pro rata", () => {
  it("adds up to the fee exactly, the cents left over going to the largest fractions", () => {
    expect(shareProRata(100, [2000, 2550])).toEqual([44, 56]);
    expect(shareProRata(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(shareProRata(0, [5, 5])).toEqual([0, 0]);
    expect(shareProRata(7, [0, 0])).toEqual([0, 0]);
  });
});

/**
 * A market at 5 % with three stalls and the money rows the transfers and disputes engineers'
 * code writes, made here directly:
 * - order 1: 2 × 10,00 € at Alpha + 1 × 25,50 € at Beta, Stripe fee 1,00 €. Alpha's transfer
 *   SENT (19,00), Beta's WAITING (24,22: 25,50 less 1,275 rounded to 1,28), and a dispute
 *   reversal of 5,00 € still PENDING on Alpha's.
 * - order 2: 2 lines of 10,00 € at Alpha, one refused (refunded 10,00, reversed 9,50); fee 0,45.
 * - order 3 (reserved at 0 %): 25,50 € at Beta, transfer FAILED, a dispute opened.
 * - order 4: 5,00 € at "=SUM(A1);"Chez Lulu"" (a name that must stay text and be quoted),
 *   transfer PENDING, no fee known yet.
 * - order 5: released, counts for nothing.
 */
async function moneyScene() {
  const market = await createMarket(town.id);
  await db.market.update({ where: { id: market.id }, data: { commissionBps: 500 } });
  const alphaOwner = await createUser({ name: "Alice Alpha" });
  const betaOwner = await createUser({ name: "Bruno Beta" });
  const gammaOwner = await createUser({ name: "Gaëlle Gamma" });
  const buyer = await createUser({ name: "Acheteur" });
  const alpha = await createStall(market.id, alphaOwner.id, { name: "Alpha" });
  const beta = await createStall(market.id, betaOwner.id, { name: "Beta" });
  const gamma = await createStall(market.id, gammaOwner.id, { name: '=SUM(A1);"Chez Lulu"' });
  // Whatever the factories gave the owners: Alpha's account is active, Beta's still onboarding,
  // Gamma's merchant has none.
  const account = (userId: string, stripeAccountId: string, status: string) =>
    db.payoutAccount.upsert({ where: { userId }, create: { userId, stripeAccountId, status }, update: { status } });
  await account(alphaOwner.id, `acct_alpha${market.id}`, "ACTIVE");
  await account(betaOwner.id, `acct_beta${market.id}`, "ONBOARDING");
  await db.payoutAccount.deleteMany({ where: { userId: gammaOwner.id } });
  const pA = await createProduct(alpha.id, { priceCents: 1000, name: "Miel" });
  const pB = await createProduct(beta.id, { priceCents: 2550, name: "Couronne" });
  const pG = await createProduct(gamma.id, { priceCents: 500, name: "Bougie" });
  const at = (h: number) => new Date(Date.UTC(2026, 11, 4, h, 0, 0));

  const o1 = await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    paidAt: at(9),
    lines: [
      { product: pA, quantity: 2 },
      { product: pB, quantity: 1 },
    ],
  });
  await db.order.update({
    where: { id: o1.id },
    data: { commissionBps: 500, stripeFeeCents: 100, paymentIntentId: "pi_o1", chargeId: "ch_o1" },
  });
  const t1a = await db.stallTransfer.create({
    data: {
      orderId: o1.id,
      stallId: alpha.id,
      stripeAccountId: `acct_alpha${market.id}`,
      grossCents: 2000,
      commissionCents: 100,
      amountCents: 1900,
      status: "SENT",
      stripeTransferId: `tr_1a${market.id}`,
      createdAt: at(10),
    },
  });
  await db.stallTransfer.create({
    data: {
      orderId: o1.id,
      stallId: beta.id,
      grossCents: 2550,
      commissionCents: 128,
      amountCents: 2422,
      status: "WAITING",
      createdAt: at(10),
    },
  });
  await db.transferReversal.create({
    data: {
      transferId: t1a.id,
      key: `dispute:du_x:${alpha.id}`,
      amountCents: 500,
      reason: "DISPUTE",
      status: "PENDING",
      lastError: "balance_insufficient",
      createdAt: at(15),
    },
  });

  const o2 = await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    paidAt: at(11),
    lines: [
      { product: pA, quantity: 1, status: "REFUSED" },
      { product: pA, quantity: 1, status: "COLLECTED" },
    ],
  });
  await db.order.update({
    where: { id: o2.id },
    data: { commissionBps: 500, stripeFeeCents: 45, paymentIntentId: "pi_o2", chargeId: "ch_o2" },
  });
  const refusedLine = o2.lines.find((l) => l.status === "REFUSED")!;
  const t2a = await db.stallTransfer.create({
    data: {
      orderId: o2.id,
      stallId: alpha.id,
      stripeAccountId: `acct_alpha${market.id}`,
      grossCents: 2000,
      commissionCents: 100,
      amountCents: 1900,
      status: "SENT",
      stripeTransferId: `tr_2a${market.id}`,
      createdAt: at(12),
    },
  });
  await db.transferReversal.create({
    data: {
      transferId: t2a.id,
      key: `line:${refusedLine.id}`,
      orderLineId: refusedLine.id,
      amountCents: 950,
      reason: "LINE_REFUSED",
      status: "SUCCEEDED",
      stripeReversalId: `trr_2a${market.id}`,
      createdAt: at(13),
    },
  });
  await db.orderRefund.create({
    data: {
      orderId: o2.id,
      key: `line-refused:${refusedLine.id}`,
      orderLineId: refusedLine.id,
      amountCents: 1000,
      reason: "LINE_REFUSED",
      status: "SUCCEEDED",
      stripeRefundId: `re_2${market.id}`,
      createdAt: at(13),
    },
  });

  const o3 = await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    paidAt: at(14),
    lines: [{ product: pB, quantity: 1 }],
  });
  await db.order.update({ where: { id: o3.id }, data: { paymentIntentId: "pi_o3", chargeId: "ch_o3" } });
  await db.stallTransfer.create({
    data: {
      orderId: o3.id,
      stallId: beta.id,
      stripeAccountId: `acct_beta${market.id}`,
      grossCents: 2550,
      commissionCents: 0,
      amountCents: 2550,
      status: "FAILED",
      lastError: "No such destination; or so",
      createdAt: at(14),
    },
  });
  await db.orderDispute.create({
    data: {
      orderId: o3.id,
      stripeDisputeId: `du_3${market.id}`,
      chargeId: "ch_o3",
      amountCents: 2550,
      reason: "fraudulent",
      status: "needs_response",
      openedAt: at(16),
    },
  });

  const o4 = await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    paidAt: at(17),
    lines: [
      { product: pG, quantity: 1, status: "REFUSED" },
      { product: pG, quantity: 1 },
    ],
  });
  await db.order.update({ where: { id: o4.id }, data: { commissionBps: 500, paymentIntentId: "pi_o4" } });
  const t4g = await db.stallTransfer.create({
    data: {
      orderId: o4.id,
      stallId: gamma.id,
      grossCents: 500,
      commissionCents: 25,
      amountCents: 475,
      createdAt: at(17),
    },
  });
  // Refused before the transfer was asked of Stripe: the transfer shrank (from 9,50 to 4,75) and
  // the reversal row is settled without Stripe. Nothing moved: not "Repris".
  const refusedCandle = o4.lines.find((l) => l.status === "REFUSED")!;
  await db.transferReversal.create({
    data: {
      transferId: t4g.id,
      key: `line:${refusedCandle.id}`,
      orderLineId: refusedCandle.id,
      amountCents: 475,
      reason: "LINE_REFUSED",
      status: "SUCCEEDED",
      createdAt: at(18),
    },
  });

  await createOrder({
    marketId: market.id,
    buyerId: buyer.id,
    status: "RELEASED",
    lines: [{ product: pA, quantity: 3 }],
  });
  return { market, alpha, beta, gamma, alphaOwner, betaOwner, gammaOwner, o1, o2, o3, o4 };
}

describe("the organiser's money view", () => {
  let scene: Awaited<ReturnType<typeof moneyScene>>;
  beforeAll(async () => {
    scene = await moneyScene();
  });

  it("computes every figure per stall and the market's totals", async () => {
    const money = await getMarketMoney(scene.market.id);
    const byName = Object.fromEntries(money.stalls.map((s) => [s.name, s]));
    expect(byName.Alpha).toEqual({
      stallId: scene.alpha.id,
      name: "Alpha",
      salesCents: 3000,
      commissionCents: 150,
      feeCents: 44 + 45,
      transferredCents: 3800,
      reversedCents: 950,
      pendingTransferCents: 0,
      failedTransferCents: 0,
      pendingReversalCents: 500,
    });
    expect(byName.Beta).toMatchObject({
      salesCents: 5100,
      commissionCents: 128,
      feeCents: 56,
      transferredCents: 0,
      reversedCents: 0,
      pendingTransferCents: 2422,
      failedTransferCents: 2550,
      pendingReversalCents: 0,
    });
    expect(byName['=SUM(A1);"Chez Lulu"']).toMatchObject({
      salesCents: 500,
      commissionCents: 25,
      feeCents: 0,
      reversedCents: 0,
      pendingTransferCents: 475,
    });
    expect(money.totals).toEqual({
      salesCents: 8600,
      commissionCents: 303,
      feeCents: 145,
      transferredCents: 3800,
      reversedCents: 950,
      pendingTransferCents: 2897,
      failedTransferCents: 2550,
      pendingReversalCents: 500,
    });
  });

  it("shows them on the Paiements tab, with what is left to the town and the CSV link", async () => {
    const response = await organiser.get(`/organiser/markets/${scene.market.id}/payments`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const page = text(html);
    expect(page).toContain("Paiements par stand");
    expect(page).toContain("Reste à la ville");
    expect(html).toContain('data-kept-cents="158"'); // 3,03 € of commission less 1,45 € of fees
    expect(page).toMatch(/Total du marché 86,00 € 3,03 € 1,45 € 38,00 € 9,50 € 28,97 € 5,00 €/);
    expect(page).toMatch(/Alpha 30,00 € 1,50 € 0,89 € 38,00 € 9,50 € 0,00 € 5,00 €/);
    expect(page).toContain("Virement en échec : 25,50 €");
    expect(html).toContain(`/organiser/markets/${scene.market.id}/payments.csv`);
    expect(page).toContain("Télécharger le CSV de rapprochement");
    expect(page).toContain("au prorata");
  });

  it("lists the stalls that cannot sell (no account, or not ACTIVE), not those that can", async () => {
    const page = await (await organiser.get(`/organiser/markets/${scene.market.id}/payments`)).text();
    expect(page).toContain(`data-unpayable-stall="${scene.beta.id}"`);
    expect(page).toContain(`data-unpayable-stall="${scene.gamma.id}"`);
    expect(page).not.toContain(`data-unpayable-stall="${scene.alpha.id}"`);
    expect(text(page)).toContain("Inscription à terminer");
    expect(text(page)).toContain("Pas de compte Stripe");
  });

  it("writes the reconciliation CSV: one row per movement, Stripe's ids, French dialect, BOM", async () => {
    const response = await organiser.get(`/organiser/markets/${scene.market.id}/payments.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="rapprochement-${scene.market.slug}-2026-12-05.csv"`,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes.slice(3));
    expect(body.endsWith("\r\n")).toBe(true);
    const rows = body.trimEnd().split("\r\n");
    expect(rows[0]).toBe(
      "Date;Commande;Stand;Type;Statut;Motif;Montant brut;Commission;Montant;Frais Stripe;payment_intent (pi_);charge (ch_);transfer (tr_);transfer_reversal (trr_);refund (re_);dispute (du_);account (acct_);Erreur",
    );
    const id = scene.market.id;
    const { o1, o2, o3, o4 } = scene;
    expect(rows.slice(1)).toEqual([
      `2026-12-04 10:00:00;${o1.reference};;paiement;PAID;;45,50;;45,50;1,00;pi_o1;ch_o1;;;;;;`,
      `2026-12-04 11:00:00;${o1.reference};Alpha;virement;SENT;;20,00;1,00;19,00;;pi_o1;ch_o1;tr_1a${id};;;;acct_alpha${id};`,
      `2026-12-04 11:00:00;${o1.reference};Beta;virement;WAITING;;25,50;1,28;24,22;;pi_o1;ch_o1;;;;;;`,
      `2026-12-04 12:00:00;${o2.reference};;paiement;PAID;;20,00;;20,00;0,45;pi_o2;ch_o2;;;;;;`,
      `2026-12-04 13:00:00;${o2.reference};Alpha;virement;SENT;;20,00;1,00;19,00;;pi_o2;ch_o2;tr_2a${id};;;;acct_alpha${id};`,
      `2026-12-04 14:00:00;${o2.reference};Alpha;reprise;SUCCEEDED;LINE_REFUSED;;;9,50;;pi_o2;ch_o2;tr_2a${id};trr_2a${id};;;acct_alpha${id};`,
      `2026-12-04 14:00:00;${o2.reference};Alpha;remboursement;SUCCEEDED;LINE_REFUSED;;;10,00;;pi_o2;ch_o2;;;re_2${id};;;`,
      `2026-12-04 15:00:00;${o3.reference};;paiement;PAID;;25,50;;25,50;;pi_o3;ch_o3;;;;;;`,
      `2026-12-04 15:00:00;${o3.reference};Beta;virement;FAILED;;25,50;0,00;25,50;;pi_o3;ch_o3;;;;;acct_beta${id};"No such destination; or so"`,
      `2026-12-04 16:00:00;${o1.reference};Alpha;reprise;PENDING;DISPUTE;;;5,00;;pi_o1;ch_o1;tr_1a${id};;;;acct_alpha${id};balance_insufficient`,
      `2026-12-04 17:00:00;${o3.reference};;litige;needs_response;fraudulent;;;25,50;;pi_o3;ch_o3;;;;du_3${id};;`,
      `2026-12-04 18:00:00;${o4.reference};;paiement;PAID;;10,00;;10,00;;pi_o4;;;;;;;`,
      `2026-12-04 18:00:00;${o4.reference};"'=SUM(A1);""Chez Lulu""";virement;PENDING;;5,00;0,25;4,75;;pi_o4;;;;;;;`,
      `2026-12-04 19:00:00;${o4.reference};"'=SUM(A1);""Chez Lulu""";déduit avant virement;SUCCEEDED;LINE_REFUSED;;;4,75;;pi_o4;;;;;;;`,
    ]);
  });

  it("follows the reader's language: English is comma-separated with decimal points", async () => {
    const english = await organiser.request(`/organiser/markets/${scene.market.id}/payments.csv`, {
      headers: { "Accept-Language": "en-GB,en" },
    });
    const body = (await english.text()).replace(/^\uFEFF/, "");
    expect(body.split("\r\n")[0]).toMatch(/^Date,Order,Stall,Type,Status,Reason,Gross amount,Commission,Amount,/);
    expect(body).toContain(`Alpha,transfer,SENT,,20.00,1.00,19.00,`);
    expect(english.headers.get("content-disposition")).toContain("reconciliation-");
  });

  it("is refused to another town's organiser, merchants and residents; anonymous visitors log in", async () => {
    const merchant = await clientFor(server, scene.alphaOwner.id);
    const page = `/organiser/markets/${scene.market.id}/payments`;
    for (const client of [otherOrganiser, merchant, resident]) {
      expect((await client.get(page)).status).toBe(403);
      // The file says nothing of the market to anyone else: 404.
      expect((await client.get(`${page}.csv`)).status).toBe(404);
      expect((await client.post(page, { intent: "remind", stallId: scene.gamma.id })).status).toBe(403);
    }
    expectLoginRedirect(await anonymous.get(page));
    expectLoginRedirect(await anonymous.get(`${page}.csv`));
    expectLoginRedirect(await anonymous.post(page, { intent: "remind", stallId: scene.gamma.id }));
    expect(await db.payoutReminder.count({ where: { stallId: scene.gamma.id } })).toBe(0);
  });
});

describe("reminding a stall to connect to Stripe", () => {
  const mailsTo = (email: string) => db.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });

  it("emails the merchant a link to their Paiements tab, at most once per stall per hour", async () => {
    const { market, gamma, gammaOwner } = await moneyScene();
    const url = `/organiser/markets/${market.id}/payments`;
    const first = await organiser.post(url, { intent: "remind", stallId: gamma.id });
    expect(first.status).toBe(200);
    expect(text(await first.text())).toContain("Rappel envoyé à Gaëlle Gamma.");
    const [mail] = await mailsTo(gammaOwner.email);
    expect(mail!.subject).toBe(`Connectez votre stand à Stripe\u00a0: ${market.name}`);
    expect(mail!.text).toContain('votre stand =SUM(A1);"Chez Lulu" ne peut pas encore vendre');
    expect(mail!.text).toMatch(new RegExp(`^http://localhost:\\d+/merchant/stalls/${gamma.id}/payments$`, "m"));

    // Again within the hour, by any organiser of the town: 429, and no second mail.
    server.clock.set(minutes(59));
    const again = await secondOrganiser.post(url, { intent: "remind", stallId: gamma.id });
    expect(again.status).toBe(429);
    expect(text(await again.text())).toContain("Prochain rappel possible à 14:00");
    expect(await mailsTo(gammaOwner.email)).toHaveLength(1);
    // The page says when the next one may go, and the button is disabled until then.
    const page = await (await organiser.get(url)).text();
    expect(text(page)).toContain("prochain possible à 14:00");

    server.clock.set(minutes(60));
    expect((await organiser.post(url, { intent: "remind", stallId: gamma.id })).status).toBe(200);
    expect(await mailsTo(gammaOwner.email)).toHaveLength(2);
  });

  it("sends one mail when two organisers press at the same instant", async () => {
    const { market, beta, betaOwner } = await moneyScene();
    const url = `/organiser/markets/${market.id}/payments`;
    const answers = await Promise.all(
      [organiser, secondOrganiser, organiser, secondOrganiser].map((c) =>
        c.post(url, { intent: "remind", stallId: beta.id }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 429, 429, 429]);
    expect(await mailsTo(betaOwner.email)).toHaveLength(1);
  });

  it("refuses a stall that can sell (409), one of another market (404) and a bad form (400)", async () => {
    const { market, alpha, alphaOwner } = await moneyScene();
    const other = await moneyScene();
    const url = `/organiser/markets/${market.id}/payments`;
    expect((await organiser.post(url, { intent: "remind", stallId: alpha.id })).status).toBe(409);
    expect((await organiser.post(url, { intent: "remind", stallId: other.gamma.id })).status).toBe(404);
    expect((await organiser.post(url, { intent: "remind" })).status).toBe(400);
    expect((await organiser.post(url, { intent: "delete", stallId: other.gamma.id })).status).toBe(400);
    expect(await mailsTo(alphaOwner.email)).toHaveLength(0);
    expect(await mailsTo(other.gammaOwner.email)).toHaveLength(0);
  });
});

describe("the merchant's transfers", () => {
  it("lists per order and stall the lines, commission, transfer status and reversals", async () => {
    const scene = await moneyScene();
    const { rows, truncated } = await listMerchantTransfers(scene.alphaOwner.id);
    expect(truncated).toBe(false);
    expect(rows.map((r) => [r.orderId, r.stallName])).toEqual([
      [scene.o2.id, "Alpha"],
      [scene.o1.id, "Alpha"],
    ]);
    expect(rows[0]).toMatchObject({
      grossCents: 2000,
      commissionCents: 100,
      amountCents: 1900,
      transferStatus: "SENT",
      reversedCents: 950,
      // A refused line reversed after the transfer: the share less what went back.
      leftCents: 950,
      reversals: [{ amountCents: 950, reason: "LINE_REFUSED", status: "SUCCEEDED" }],
    });
    expect(rows[1]).toMatchObject({
      transferStatus: "SENT",
      reversedCents: 0,
      reversals: [{ amountCents: 500, reason: "DISPUTE", status: "PENDING" }],
    });
    // One stall's tab: that stall only, and only if it is the user's.
    expect((await listMerchantTransfers(scene.alphaOwner.id, { stallId: scene.alpha.id })).rows).toHaveLength(2);
    expect((await listMerchantTransfers(scene.alphaOwner.id, { stallId: scene.beta.id })).rows).toEqual([]);
    // Beta's merchant sees only Beta's share of the order they share with Alpha.
    const beta = await listMerchantTransfers(scene.betaOwner.id);
    expect(beta.rows.map((r) => [r.orderId, r.grossCents, r.amountCents, r.transferStatus])).toEqual([
      [scene.o3.id, 2550, 2550, "FAILED"],
      [scene.o1.id, 2550, 2422, "WAITING"],
    ]);
  });

  it("shows a line taken off before the transfer as deducted, not reversed", async () => {
    const scene = await moneyScene();
    const { rows } = await listMerchantTransfers(scene.gammaOwner.id);
    expect(rows).toEqual([
      expect.objectContaining({
        grossCents: 500,
        amountCents: 475,
        transferStatus: "PENDING",
        reversedCents: 0,
        // Taken off before the transfer: the share already excludes it.
        leftCents: 475,
        reversals: [expect.objectContaining({ amountCents: 475, status: "DEDUCTED" })],
      }),
    ]);
  });

  it("shows a paid order before its transfer row exists, computed as the transfer will be", async () => {
    const market = await createMarket(town.id);
    const owner = await createUser();
    const stall = await createStall(market.id, owner.id);
    const product = await createProduct(stall.id, { priceCents: 1999 });
    const order = await createOrder({
      marketId: market.id,
      buyerId: (await createUser()).id,
      lines: [{ product, quantity: 3 }],
    });
    await db.order.update({ where: { id: order.id }, data: { commissionBps: 250 } });
    const { rows } = await listMerchantTransfers(owner.id);
    // 59,97 € at 2,5 %: 1,49925 € rounds to 1,50 €.
    expect(rows).toEqual([
      expect.objectContaining({ grossCents: 5997, commissionCents: 150, amountCents: 5847, transferStatus: "NONE" }),
    ]);
  });

  it("before the transfer row exists, counts only the lines kept; a stall whose lines were all given back has no row", async () => {
    const market = await createMarket(town.id);
    const owner = await createUser();
    const stall = await createStall(market.id, owner.id);
    const [jam, tea] = [
      await createProduct(stall.id, { priceCents: 600 }),
      await createProduct(stall.id, { priceCents: 400 }),
    ];
    const buyerId = (await createUser()).id;
    const partly = await createOrder({
      marketId: market.id,
      buyerId,
      lines: [
        { product: jam, quantity: 2 },
        { product: tea, quantity: 1, status: "REFUSED" },
      ],
    });
    await createOrder({ marketId: market.id, buyerId, lines: [{ product: tea, quantity: 3, status: "REFUSED" }] });
    await createOrder({ marketId: market.id, buyerId, lines: [{ product: jam, quantity: 1 }], status: "REFUNDED" });
    const { rows } = await listMerchantTransfers(owner.id);
    expect(rows).toEqual([
      expect.objectContaining({ orderId: partly.id, grossCents: 1200, amountCents: 1200, transferStatus: "NONE" }),
    ]);
  });
});
