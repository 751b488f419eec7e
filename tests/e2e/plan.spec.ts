// The demo organiser places chalets on the plan of the square: from the list with the keyboard
// (a phone, and a desktop), and by dragging a chalet with the mouse on a desktop. The market
// page's plan shows the result. Each test puts the demo chalets back as they were.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { e2eDb } from "./db";
import { expectNoSeriousA11yIssues, loginAs } from "./fixtures";

const ORGANISER = "organisation@demo.chalet.test";
const DEMO_MARKET = "Marché de Noël virtuel de Rueil-Malmaison";
const MARKET_SLUG = "marche-de-noel-rueil";
const SHOTS = "/tmp/shots-plan";

type Chalet = { id: string; slug: string; name: string; chaletNumber: number | null; planX: number; planY: number };

async function demoChalet(chaletNumber: number): Promise<Chalet> {
  const db = await e2eDb();
  return db.stall.findFirstOrThrow({
    where: { market: { slug: MARKET_SLUG }, chaletNumber },
    select: { id: true, slug: true, name: true, chaletNumber: true, planX: true, planY: true },
  });
}

let touched: Chalet | null = null;
test.afterEach(async () => {
  if (!touched) return;
  const { id, chaletNumber, planX, planY } = touched;
  await (await e2eDb()).stall.update({ where: { id }, data: { chaletNumber, planX, planY } });
  touched = null;
});

async function openPlan(page: Page) {
  await loginAs(page, ORGANISER);
  await page.goto("/organiser");
  await page.getByRole("link", { name: DEMO_MARKET }).click();
  await page
    .getByRole("navigation", { name: "Sections du marché" })
    .getByRole("link", { name: "Plan", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "Plan de la place" })).toBeVisible();
}

test("the organiser numbers and places a chalet from the list with the keyboard; the market page shows it there @desktop", async ({
  page,
}) => {
  const chalet = await demoChalet(3);
  touched = chalet;
  await openPlan(page);
  const list = page.getByRole("list", { name: "Chalets" });
  await expect(list.getByRole("listitem")).toHaveCount(12);
  await expectNoSeriousA11yIssues(page);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/editor-${test.info().project.name}.png`, fullPage: true });
  await page.getByTestId("plan-editor").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/editor-view-${test.info().project.name}.png` });

  // A number another chalet has is refused, and says how to swap.
  const row = list.getByRole("group", { name: `Chalet n° 3 : ${chalet.name}` });
  const number = row.getByLabel("Numéro", { exact: true });
  await number.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("1");
  await page.keyboard.press("Enter");
  await expect(row.getByRole("alert")).toContainText("Le n° 1 est déjà celui du chalet");
  await expect(row.getByLabel("Numéro", { exact: true })).toHaveAttribute("aria-invalid", "true");
  expect((await demoChalet(3)).id).toBe(chalet.id);
  await page.screenshot({ path: `${SHOTS}/editor-refused-${test.info().project.name}.png` });

  // A free number and a new spot, typed and saved with the keyboard only.
  await row.getByLabel("Numéro", { exact: true }).focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("42");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("26");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("60");
  await page.keyboard.press("Tab"); // the swap box, left unticked
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: `Enregistrer le chalet ${chalet.name}` })).toBeFocused();
  await page.keyboard.press("Enter");
  const saved = list.getByRole("group", { name: `Chalet n° 42 : ${chalet.name}` });
  await expect(saved.getByRole("status")).toHaveText(`Chalet n° 42 « ${chalet.name} » enregistré.`);
  await expect(saved.getByLabel("Horizontale")).toHaveValue("26");
  await expect(saved.getByLabel("Verticale")).toHaveValue("60");
  await expect(page.getByTestId("plan-editor").locator(`[data-chalet-id="${chalet.id}"]`)).toHaveAttribute(
    "transform",
    "translate(26 60)",
  );

  await page.goto(`/m/${MARKET_SLUG}?vue=plan`);
  const plan = page.getByRole("list", { name: "Liste des chalets du plan" });
  // Numbered 42 now, it comes last in the list; the others keep theirs.
  await expect(plan.getByRole("link").last()).toHaveAccessibleName(new RegExp(`^Chalet 42 : ${chalet.name}`));
  await expect(plan.getByRole("link").first()).toHaveAccessibleName(/^Chalet 1\s: /);
  const drawn = page.getByTestId("stall-plan").locator(`[data-chalet="${chalet.slug}"] > g`);
  await expect(drawn).toHaveAttribute("transform", "translate(26 60)");
  await expect(drawn).toHaveText("42");
  await page.screenshot({ path: `${SHOTS}/market-plan-${test.info().project.name}.png`, fullPage: true });

  // The stall page gives the same number by its pickup details.
  await plan.getByRole("link").last().click();
  await expect(page.getByRole("heading", { level: 1, name: chalet.name })).toBeVisible();
  const pickup = page.getByRole("region", { name: /Retrait/ });
  await expect(pickup).toContainText("Chalet n° 42 sur le plan de la place");
  await pickup.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/stall-pickup-${test.info().project.name}.png` });
});

test("on a desktop, the organiser drags a chalet on the plan and it stays there after a reload @desktop", async ({
  page,
}) => {
  test.skip(test.info().project.name !== "desktop", "dragging is the mouse's way; the list is the phone's");
  const chalet = await demoChalet(5);
  touched = chalet;
  await openPlan(page);
  const drawing = page.getByTestId("plan-editor");
  const glyph = drawing.locator(`[data-chalet-id="${chalet.id}"]`);
  const box = (await drawing.boundingBox())!;
  const from = (await glyph.boundingBox())!;
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  // Down by a fifth of the square, left by a tenth.
  const target = { x: start.x - box.width / 10, y: start.y + box.height / 5 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(target.x, target.y, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByRole("status")).toHaveText(`« ${chalet.name} » déplacé sur le plan.`);

  const expected = { planX: chalet.planX - 10, planY: chalet.planY + 20 };
  await expect
    .poll(async () => {
      const now = await demoChalet(5);
      return Math.abs(now.planX - expected.planX) <= 1 && Math.abs(now.planY - expected.planY) <= 1 && now.id;
    })
    .toBe(chalet.id);
  const stored = await demoChalet(5);
  await page.screenshot({ path: `${SHOTS}/editor-dragged-desktop.png`, fullPage: true });

  await page.reload();
  const row = page.getByRole("group", { name: `Chalet n° 5 : ${chalet.name}` });
  await expect(row.getByLabel("Horizontale")).toHaveValue(String(stored.planX));
  await expect(row.getByLabel("Verticale")).toHaveValue(String(stored.planY));
  await expect(page.getByTestId("plan-editor").locator(`[data-chalet-id="${chalet.id}"]`)).toHaveAttribute(
    "transform",
    `translate(${stored.planX} ${stored.planY})`,
  );
});
