// The JavaScript a page makes the browser download on first load, and what it loads on demand
// (the measure: bench/page-js-size.ts). Run `npm run build` first.
// Usage: tsx bench/page-js.ts [route id]   (default: the stall page)
import { table } from "./lib";
import { pageJs, STALL_ROUTE } from "./page-js-size";

export function pageJsReport(routeId = STALL_ROUTE): string {
  const { chain, inlineManifest, files, total, lazy } = pageJs(routeId);
  const kb = (n: number) => (n / 1024).toFixed(1);
  return [
    `JavaScript of ${routeId} on first load (${files.length} files: entry, ${chain.join(" + ")}${inlineManifest ? "; the manifest is inline in the HTML" : ", manifest"})`,
    table(
      ["file", "KB", "KB gzipped"],
      [...files.map((r) => [r.url, kb(r.raw), kb(r.gzip)]), ["total", kb(total.raw), kb(total.gzip)]],
    ),
    lazy.length
      ? `loaded on demand: ${lazy.map((r) => `${r.url} ${kb(r.gzip)} KB gzipped`).join(", ")}`
      : "nothing loaded on demand",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(pageJsReport(process.argv[2]));
}
