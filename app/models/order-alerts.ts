// How a merchant hears of a new paid order by email (User.orderEmails), shared by the settings
// form and the server (order-alerts.server.ts).
export const ORDER_EMAIL_CHOICES = ["EACH", "DIGEST", "NONE"] as const;
export type OrderEmailChoice = (typeof ORDER_EMAIL_CHOICES)[number];

export function isOrderEmailChoice(value: unknown): value is OrderEmailChoice {
  return typeof value === "string" && (ORDER_EMAIL_CHOICES as readonly string[]).includes(value);
}

/** A digest goes at most this often. */
export const DIGEST_INTERVAL_MS = 60 * 60 * 1000;

/** A stall's orders tab: where every order alert leads. */
export function stallOrdersPath(stallId: string): string {
  return `/merchant/stalls/${encodeURIComponent(stallId)}/orders`;
}
