// Checkout in the demo market asks for a pickup slot ("Place de la mairie", chosen already as
// the only point): the first slot offered, as a buyer taps it. Returns its day and hours as shown.
import { expect, type Page } from "@playwright/test";

export async function chooseFirstSlot(page: Page): Promise<{ day: string; hours: string }> {
  const choice = page.getByTestId("pickup-choice");
  await expect(choice.getByRole("radio", { name: /Place de la mairie/ })).toBeChecked();
  const day = choice.getByRole("group", { name: "Créneau de retrait" }).getByRole("group").first();
  const slot = day.getByRole("radio").first();
  await slot.check();
  const label = (await slot.locator("xpath=..").innerText()).split("\n")[0]!.trim();
  return { day: (await day.getAttribute("aria-label"))!, hours: label };
}
