// Orders of the demo buyer at a demo merchant's stall, written into the browser-test server's
// database as checkout and the Stripe webhook would leave them, and the webhook's own post: for
// the specs about what happens once an order exists (its card, its alerts, its messages).
// Each spec deletes the orders it made (deleteOrders, ./db.ts).
import { randomBytes } from "node:crypto";
import { expect } from "@playwright/test";
import Stripe from "stripe";
import { nextOrderIdentity } from "../../app/models/order-number.server";
import { e2eDb } from "./db";

export const DEMO_BUYER = "habitant@demo.chalet.test";
export const DEMO_MERCHANT = "marchand@demo.chalet.test";
export const DEMO_HONEY_STALL = "Miellerie du Mont-Valérien";

/**
 * One unit of the honey stall's first product for the demo buyer: RESERVED with its Checkout
 * Session's id (to be paid through payThroughWebhook), or already PAID.
 */
export async function demoOrder(status: "RESERVED" | "PAID") {
  const db = await e2eDb();
  const merchant = await db.user.findUniqueOrThrow({ where: { email: DEMO_MERCHANT } });
  const buyer = await db.user.findUniqueOrThrow({ where: { email: DEMO_BUYER } });
  const stall = await db.stall.findFirstOrThrow({
    where: { ownerId: merchant.id, name: DEMO_HONEY_STALL },
    include: { products: { where: { active: true }, orderBy: { position: "asc" }, take: 1 } },
  });
  const product = stall.products[0]!;
  const sessionId = `cs_test_${randomBytes(12).toString("hex")}`;
  const order = await db.order.create({
    data: {
      marketId: stall.marketId,
      ...(await nextOrderIdentity(db, stall.marketId)),
      buyerId: buyer.id,
      status,
      totalCents: product.priceCents,
      checkoutSessionId: status === "RESERVED" ? sessionId : null,
      paidAt: status === "PAID" ? new Date() : null,
      holdExpiresAt: new Date(Date.now() + 30 * 60_000),
      lines: {
        create: {
          stallId: stall.id,
          productId: product.id,
          name: product.name,
          unitPriceCents: product.priceCents,
          quantity: 1,
        },
      },
    },
  });
  return { order, stall, buyer, product, sessionId };
}

/** What Stripe (or the sandbox) posts once the buyer paid: checkout.session.completed, signed. */
export async function payThroughWebhook(
  baseURL: string,
  order: { id: string; totalCents: number },
  sessionId: string,
): Promise<void> {
  await e2eDb();
  // After e2eDb(): the app's env module must read the test server's settings, not the defaults.
  const { SANDBOX_WEBHOOK_SECRET } = await import("../../app/utils/stripe.server");
  const payload = JSON.stringify({
    id: `evt_test_${randomBytes(12).toString("hex")}`,
    object: "event",
    type: "checkout.session.completed",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: {
      object: {
        id: sessionId,
        object: "checkout.session",
        mode: "payment",
        status: "complete",
        payment_status: "paid",
        currency: "eur",
        amount_total: order.totalCents,
        client_reference_id: order.id,
        metadata: { order_id: order.id },
        payment_intent: `pi_test_${randomBytes(12).toString("hex")}`,
      },
    },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SANDBOX_WEBHOOK_SECRET });
  const response = await fetch(new URL("/webhooks/stripe", baseURL), {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    body: payload,
  });
  expect(response.status).toBe(200);
}
