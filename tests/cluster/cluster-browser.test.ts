// A browser on the cluster (tests/cluster/cluster.ts) whose instance dies: the page, served
// through HAProxy and stuck to one instance by its cookie, loses its socket when that instance is
// killed (kill -9), reconnects through the balancer to another, and shows without a reload the
// chat message and the sale that happened on the other instances meanwhile.
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/utils/db.server";
import { sessionSecret } from "~/utils/env.server";
import { launchOptions } from "../../playwright.config";
import { createMarketScene, createProduct, createUser } from "../fixtures/factories";
import { clientAs, closeSockets, join, socketTo } from "./clients";
import { startCluster, type Cluster } from "./cluster";

let cluster: Cluster;
let browser: Browser;

beforeAll(async () => {
  [cluster, browser] = await Promise.all([
    startCluster({ databaseUrl: process.env.DATABASE_URL!, sessionSecret }),
    chromium.launch(launchOptions),
  ]);
}, 120_000);

afterAll(async () => {
  closeSockets();
  await Promise.all([browser?.close(), cluster?.stop()]);
}, 60_000);

// What crosses sockets, Redis and a reconnection on a machine shared with other suites.
const LIVE = { timeout: 30_000, interval: 100 };

describe("a browser on the cluster", () => {
  it("reconnects through the balancer when its instance dies and shows the chat and the sale it missed", async () => {
    const scene = await createMarketScene(new Date());
    const product = await createProduct(scene.stall.id, { stock: 6, name: "Pain d'épices" });
    const stallPath = `/m/${scene.market.slug}/${scene.stall.slug}`;

    const context = await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const page = await context.newPage();
    await page.goto(`${cluster.balancerUrl}${stallPath}`);
    const card = page.getByRole("article").filter({ has: page.getByRole("heading", { name: "Pain d'épices" }) });
    const bodies = page.locator("#chat").getByRole("log").getByTestId("chat-body");
    await card.waitFor();
    // Anything reloading the page would drop this.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

    // The instance the balancer's cookie sticks this browser to.
    const cookie = (await context.cookies()).find((c) => c.name === "chalet_instance");
    const home = cluster.instances.find((instance) => instance.name === cookie?.value);
    expect(home, `sticky cookie ${cookie?.value}`).toBeDefined();
    const other = cluster.instances.find((instance) => instance !== home)!;

    // Someone writes from another instance: the page hears it live, so its socket is up.
    const writer = await createUser({ name: "Chloé" });
    const chat = await socketTo(other.url, await clientAs(other.url, writer.id));
    await join(chat, scene.market.id, scene.stall.id);
    expect(await chat.emitWithAck("chat:send", { stallId: scene.stall.id, body: "Avant la panne" })).toMatchObject({
      ok: true,
    });
    await vi.waitFor(async () => expect(await bodies.allTextContents()).toEqual(["Avant la panne"]), LIVE);

    await cluster.kill(home!);

    // Meanwhile, on a surviving instance: a message, and a sale of 2.
    expect(await chat.emitWithAck("chat:send", { stallId: scene.stall.id, body: "Pendant la panne" })).toMatchObject({
      ok: true,
    });
    const buyer = await clientAs(other.url, (await createUser()).id);
    expect((await buyer.post("/basket", { intent: "add", productId: product.id, quantity: "2" })).status).toBe(200);
    expect((await buyer.post("/basket", { intent: "checkout", marketId: scene.market.id })).status).toBe(303);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(4);

    await vi.waitFor(
      async () => expect(await bodies.allTextContents()).toEqual(["Avant la panne", "Pendant la panne"]),
      LIVE,
    );
    await vi.waitFor(async () => expect(await card.getAttribute("data-stock")).toBe("4"), LIVE);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    // Its new connection went through the balancer to a live instance, which now holds the cookie.
    const after = (await context.cookies()).find((c) => c.name === "chalet_instance");
    expect(after?.value).not.toBe(home!.name);
    await context.close();
  }, 120_000);
});
