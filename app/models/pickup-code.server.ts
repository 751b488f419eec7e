// What the buyer's pickup QR code says, and the one place that reads it back. The QR encodes
// `CHALET:<marketId>:<code>`: the market lets the stall's scanner tell "a code of another market"
// from a typo, and the prefix tells a Chalet code from any other QR code held up to the camera.
// Not a URL: the code is shown to a merchant's scanner, never opened by a phone's camera app, and
// a link would invite the buyer's own phone to open a page that has nothing more to say.
import sharp from "sharp";
import type { Translate } from "~/i18n";
import { db } from "~/utils/db.server";
import { qrSvg } from "~/utils/qr.server";
import { isPickupCode, normalisePickupCode } from "./order-number.server";

const PREFIX = "CHALET";

/** The text of an order's pickup QR code. */
export function pickupQrText(marketId: string, code: string): string {
  return `${PREFIX}:${marketId}:${code}`;
}

/**
 * A typed code ("k7q2 mx") or a scanned QR's text, as the code to look up and the market the QR
 * names (null when typed). null when it is neither a code nor a Chalet QR code.
 */
export function readPickupInput(input: string): { code: string; marketId: string | null } | null {
  const parts = input.trim().split(":");
  const [marketId, raw] =
    parts.length === 3 && parts[0]!.toUpperCase() === PREFIX ? [parts[1]!, parts[2]!] : [null, input];
  const code = normalisePickupCode(raw);
  return isPickupCode(code) && marketId !== "" ? { code, marketId } : null;
}

/** The buyer's pickup code and its QR code (SVG, drawn here on the server), for a PAID order of theirs only. */
export async function getBuyerPickupCode(
  buyerId: string,
  orderId: string,
  t: Translate,
): Promise<{ code: string; qrSvg: string } | null> {
  const order = await db.order.findFirst({
    where: { id: orderId, buyerId, status: "PAID" },
    select: { marketId: true, pickupCode: true },
  });
  if (!order) return null;
  const svg = await qrSvg(
    pickupQrText(order.marketId, order.pickupCode),
    t("collect.buyer.qrLabel", { code: order.pickupCode }),
  );
  return { code: order.pickupCode, qrSvg: svg };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The pickup code in the paid email: lines for its text, and its HTML, where the code is printed
 * large with the QR code as a PNG (many mail clients show no SVG; the mailer sends the data: URL
 * as an inline attachment). `html` renders the whole text (each line a paragraph, links
 * clickable) with the QR code under the code's line.
 */
export async function pickupCodeEmail(
  order: { marketId: string; pickupCode: string },
  t: Translate,
): Promise<{ lines: string[]; html: (text: string[]) => string }> {
  const codeLine = t("collect.email.code", { code: order.pickupCode });
  const label = t("collect.buyer.qrLabel", { code: order.pickupCode });
  const svg = await qrSvg(pickupQrText(order.marketId, order.pickupCode), label);
  const png = await sharp(Buffer.from(svg), { density: 300 }).resize(240, 240).png().toBuffer();
  const qr = `<img src="data:image/png;base64,${png.toString("base64")}" width="200" height="200" alt="${escapeHtml(label)}">`;
  const html = (text: string[]) => {
    const body = text.map((line) => {
      if (line === codeLine) {
        return (
          `<p style="margin:16px 0 4px">${escapeHtml(t("collect.email.codeLabel"))}</p>` +
          `<p style="margin:0;font-size:32px;font-weight:bold;letter-spacing:6px;font-family:monospace">${escapeHtml(order.pickupCode)}</p>` +
          `<p style="margin:8px 0">${qr}</p>`
        );
      }
      if (line === "") return "";
      const escaped = escapeHtml(line);
      return /^https?:\/\/\S+$/.test(line) ? `<p><a href="${escaped}">${escaped}</a></p>` : `<p>${escaped}</p>`;
    });
    return `<div style="font-family:sans-serif;font-size:16px;line-height:1.4">${body.join("\n")}</div>`;
  };
  return { lines: ["", codeLine, t("collect.email.show")], html };
}
