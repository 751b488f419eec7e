// QR codes, drawn on the server as SVG (the `qrcode` package): a pickup code on the buyer's order
// page and e-mail, a page's address on the printable posters. Crisp at any size, printed or on a
// phone held up to a merchant's camera, and no script in the browser.
import QRCode from "qrcode";

/**
 * An SVG QR code of `text`. Error correction M (15 %): it survives a creased poster or a cracked
 * screen and keeps the code small. `title` is read by screen readers (the SVG gets role="img").
 */
export async function qrSvg(text: string, title: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return svg.replace("<svg ", `<svg role="img" aria-label="${escaped}" `);
}
