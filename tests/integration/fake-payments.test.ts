// While the built-in Stripe sandbox takes the payments (here, as in the demo: no Stripe key),
// every page, the order's page and every payment email say plainly that payments are not real,
// in French and in English. (tests/integration/production-config.test.ts: the same in production
// with STRIPE_SANDBOX=1, and nothing of it with real keys.)
import { announceLatePaymentRefunded, announceLineRefunded } from "~/models/order-notify.server";
import { db } from "~/utils/db.server";
import { createMarketScene, createUser } from "../fixtures/factories";
import { attachFakeSession, deliver, reserve, sessionObject, stripeEvent } from "../fixtures/payments";
import { clientFor, startTestServer, type TestServer } from "../setup/server";

const T0 = new Date("2026-12-12T15:00:00Z");
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: T0 });
});
afterAll(() => server.close());

const BANNER_FR = "Démonstration\u00a0: les paiements de ce site ne sont pas réels, aucune somme n’est débitée.";
const BANNER_EN = "Demo: payments on this site are not real, no money is taken.";
const EMAIL_FR = "DÉMONSTRATION\u00a0: ce site ne prend pas de vrais paiements.";

/** The first element of the body: the banner, read first, in words (an icon hidden from screen readers). */
function bannerOf(html: string): string | null {
  const body = html.slice(html.indexOf("<body"));
  const match = /^<body[^>]*><p role="note" data-testid="fake-payments-banner"[^>]*>(.*?)<\/p>/.exec(body);
  return match ? match[1]!.replace(/<span aria-hidden="true">[^<]*<\/span>/, "").replace(/<!-- -->/g, "") : null;
}

async function scene() {
  const s = await createMarketScene(T0);
  const buyer = await createUser();
  const order = await reserve(
    { buyerId: buyer.id, marketId: s.market.id, lines: [{ productId: s.product.id, quantity: 2 }] },
    T0,
  );
  return { ...s, buyer, order };
}

it("every page opens with the banner, in French, then in English once the visitor chooses it", async () => {
  const visitor = await clientFor(server, null);
  for (const path of ["/", "/basket", "/login", "/signup"]) {
    const html = await (await visitor.get(path)).text();
    expect({ path, banner: bannerOf(html) }).toEqual({ path, banner: BANNER_FR });
  }
  const chosen = await visitor.post("/lang", { locale: "en", redirectTo: "/" });
  expect(chosen.status).toBe(302);
  expect(bannerOf(await (await visitor.get("/")).text())).toBe(BANNER_EN);
});

it("the order's page says its payment is not real", async () => {
  const { buyer, order } = await scene();
  const html = await (await (await clientFor(server, buyer.id)).get(`/orders/${order.id}`)).text();
  expect(bannerOf(html)).toBe(BANNER_FR);
  expect(html).toContain("Commande de démonstration\u00a0: son paiement n’est pas réel");
});

it("the confirmation and refund emails open with the notice", async () => {
  const { buyer, order } = await scene();
  const sessionId = await attachFakeSession(order);
  const paid = await deliver(
    server.url,
    stripeEvent("checkout.session.completed", sessionObject(order, { id: sessionId })),
  );
  expect(paid.text).toMatch(/^applied/);
  await announceLineRefunded(order.id, order.lines[0]!.id, 100);
  await db.user.update({ where: { id: buyer.id }, data: { locale: "en" } });
  await announceLatePaymentRefunded(order.id, order.totalCents);

  const emails = await db.outboxEmail.findMany({ where: { to: buyer.email }, orderBy: { createdAt: "asc" } });
  expect(emails.map((e) => e.subject)).toEqual([
    expect.stringContaining("Commande confirmée"),
    expect.stringContaining("Article non disponible, remboursé"),
    expect.stringContaining("Payment refunded"),
  ]);
  expect(emails.map((e) => e.text.split("\n")[0])).toEqual([
    expect.stringContaining(EMAIL_FR),
    expect.stringContaining(EMAIL_FR),
    "DEMO: this site takes no real payments. No money was taken or refunded.",
  ]);
});
