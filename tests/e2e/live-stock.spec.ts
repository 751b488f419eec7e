// Live stock in the browser: two visitors on the same stall and the merchant's second tab see the
// stock the merchant sets from her phone, without a reload. The change goes through the app (the
// quick stock page) because the browser-test server is another process: a write from here would
// reach its database but not its broadcaster. Only one product is touched, put back at the end.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { expectNoSeriousA11yIssues, loginAs, screenshotPerProject } from "./fixtures";

const MERCHANT = "marchand@demo.chalet.test";
const STALL = "Miellerie du Mont-Valérien";
const PUBLIC_STALL = "/m/marche-de-noel-rueil/miellerie-du-mont-valerien";
const PRODUCT = "Coffret trois miels";

function card(page: Page) {
  return page.getByRole("article").filter({ has: page.getByRole("heading", { name: PRODUCT }) });
}

function stockRow(page: Page) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: PRODUCT }) });
}

async function openQuickStock(page: Page) {
  await page.getByRole("link", { name: `Stock (${STALL})` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stock rapide" })).toBeVisible();
}

/** Types a stock and saves it, then waits for the server's answer in the row's status. */
async function setStock(page: Page, stock: number) {
  const row = stockRow(page);
  await row.getByLabel(`Stock de ${PRODUCT}`).fill(String(stock));
  await row.getByRole("button", { name: `Valider (${PRODUCT})` }).click();
  await expect(row.getByRole("status")).toHaveText(`Stock de ${PRODUCT} : ${stock}`);
}

test("two visitors and the merchant's other tab follow the stock without reload @desktop", async ({
  browser,
  page: merchant,
}) => {
  // Four pages, a log-in and an axe scan: near the default 60 s on a loaded machine.
  test.setTimeout(120_000);
  const contexts: BrowserContext[] = [];
  const visitor = async () => {
    // The test's own options (base URL, French, the project's device) apply to new contexts too.
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(PUBLIC_STALL);
    await expect(card(page)).toBeVisible();
    // Anything reloading the page would drop this.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    return page;
  };

  await loginAs(merchant, MERCHANT, undefined, { redirectTo: "/merchant" });
  await openQuickStock(merchant);
  const before = Number(await stockRow(merchant).getByLabel(`Stock de ${PRODUCT}`).inputValue());
  expect(before).toBeGreaterThan(1);
  // Her second tab: the stock page, watching sales come in.
  const watching = await merchant.context().newPage();
  await watching.goto(merchant.url());
  await expect(stockRow(watching).getByLabel(`Stock de ${PRODUCT}`)).toHaveValue(String(before));

  const alice = await visitor();
  const bob = await visitor();
  for (const page of [alice, bob]) await expect(card(page)).toHaveAttribute("data-stock", String(before));

  try {
    await setStock(merchant, 1);
    for (const page of [alice, bob]) {
      await expect(card(page).getByTestId("stock-label")).toHaveText("Dernier !");
      await expect(card(page)).toHaveAttribute("data-stock", "1");
      // Said once, with the product's name, for screen readers.
      await expect(page.getByTestId("stock-announcer")).toHaveText(`${PRODUCT} : Dernier !`);
    }
    await expect(stockRow(watching).getByLabel(`Stock de ${PRODUCT}`)).toHaveValue("1");
    await screenshotPerProject(alice, "live-stock-last-one");

    await setStock(merchant, 0);
    for (const page of [alice, bob]) {
      await expect(card(page).getByTestId("stock-label")).toHaveText("Épuisé");
      await expect(page.getByTestId("stock-announcer")).toHaveText(`${PRODUCT} : Épuisé`);
    }
    await expect(stockRow(watching).getByLabel(`Stock de ${PRODUCT}`)).toHaveValue("0");
    await expect(stockRow(watching).getByRole("button", { name: `Un de moins : ${PRODUCT}` })).toBeDisabled();
    await expectNoSeriousA11yIssues(alice);
    await screenshotPerProject(alice, "live-stock-sold-out");
    await screenshotPerProject(watching, "live-stock-merchant");

    // Back in stock: the visitors see it too, still without reloading.
    await setStock(merchant, before);
    for (const page of [alice, bob]) await expect(card(page)).toHaveAttribute("data-stock", String(before));
    for (const page of [alice, bob]) {
      expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    }
  } finally {
    const row = stockRow(merchant);
    if ((await row.getByLabel(`Stock de ${PRODUCT}`).inputValue()) !== String(before)) await setStock(merchant, before);
    for (const context of contexts) await context.close();
  }
});
