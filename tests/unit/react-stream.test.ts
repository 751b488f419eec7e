import { renderToPipeableStream } from "react-dom/server";
import { Writable } from "node:stream";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { withoutViewPadding } from "~/utils/react-stream.server";

/** What React's streaming renderer writes for this element, chunk by chunk, each passed through `map`. */
function render(text: string, map: (chunk: Buffer) => Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(map(chunk)));
        done();
      },
      final(done) {
        resolve(Buffer.concat(chunks));
        done();
      },
    });
    const { pipe } = renderToPipeableStream(createElement("p", null, ...text.split("|")), {
      onAllReady: () => pipe(sink),
      onError: reject,
    });
  });
}

describe("withoutViewPadding", () => {
  // Pieces short enough to be encoded into React's view, then "€" (3 bytes): for some lengths of
  // the filler, the euro sign arrives when only one or two bytes of the view are left.
  const texts = Array.from(
    { length: 12 },
    (_, k) => `${"a".repeat(600)}|${"a".repeat(600)}|${"a".repeat(600)}|${"b".repeat(200 + k)}|€ et la suite`,
  );

  it("React 18 pads a view with NUL bytes before a character that does not fit (why this exists)", async () => {
    const raw = await Promise.all(texts.map((text) => render(text, (chunk) => chunk)));
    expect(raw.filter((html) => html.includes(0)).length).toBeGreaterThan(0);
  });

  it("drops that padding, and nothing else", async () => {
    for (const text of texts) {
      const html = await render(text, withoutViewPadding);
      expect(html.includes(0)).toBe(false);
      expect(html.toString("utf8")).toBe(`<p>${text.split("|").join("<!-- -->")}</p>`);
    }
  });

  it("leaves other chunks alone", () => {
    const full = Buffer.alloc(2048, 0x61);
    expect(withoutViewPadding(full)).toBe(full);
    const short = Buffer.from([0x61, 0]);
    expect(withoutViewPadding(short)).toBe(short);
  });
});
