// The stall page's JavaScript on first load stays under its budget (issue 12: 150 KB gzipped),
// read from the build's manifest as bench/page-js.ts reads it. Builds nothing: `npm run build`
// first (`npm test` does). socket.io-client and the English dictionary are loaded on demand and
// must stay out of the first load.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_BUILD, pageJs, STALL_ROUTE } from "../../bench/page-js-size";

const BUDGET_KB = 150;

describe("the stall page's JavaScript", () => {
  const page = pageJs(STALL_ROUTE);
  const kb = (bytes: number) => bytes / 1024;

  it(`is under ${BUDGET_KB} KB gzipped on first load`, () => {
    const largest = page.files
      .slice(0, 5)
      .map((f) => `${f.url} ${kb(f.gzip).toFixed(1)} KB`)
      .join(", ");
    expect(
      kb(page.total.gzip),
      `first load ${kb(page.total.gzip).toFixed(1)} KB gzipped; largest: ${largest}`,
    ).toBeLessThan(BUDGET_KB);
  });

  it("loads the socket's library only on demand", () => {
    // Engine.IO's transport names are in its library, nowhere else in the app.
    const isSocketIo = ({ url }: { url: string }) =>
      readFileSync(path.join(DEFAULT_BUILD, url.replace(/^\/build\//, "")), "utf8").includes('"webtransport"');
    expect(page.lazy.filter(isSocketIo)).toHaveLength(1);
    expect(page.files.filter(isSocketIo).map((f) => f.url)).toEqual([]);
  });
});
