// The QR codes the pickup and the posters print: they must read back as what they encode.
import jsQR from "jsqr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { qrSvg } from "~/utils/qr.server";

async function decode(svg: string): Promise<string | null> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 })
    .resize(400, 400)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

describe("qrSvg", () => {
  it("draws a code that a scanner reads back, with an accessible name", async () => {
    const svg = await qrSvg("https://chalet.test/o/R-0142?code=K7Q2MX", "Code de retrait <K7Q2MX>");
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Code de retrait &#60;K7Q2MX&#62;"');
    expect(await decode(svg)).toBe("https://chalet.test/o/R-0142?code=K7Q2MX");
  });
});
