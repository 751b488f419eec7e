// The JavaScript a page makes the browser download, from the build's manifest (run `npm run build`
// first): the client entry, the root route and the page's route, each with the shared chunks it
// imports (counted once), plus the manifest file unless lazy route discovery is on (the page then
// carries its part of the manifest inline, in the HTML). Sizes raw and gzipped (level 9, as a CDN
// would). Chunks a page loads only when asked (dynamic import()) are listed apart: they are not
// part of the first load.
// Usage: tsx bench/page-js.ts [route id]   (default: the stall page)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import remixConfig from "../remix.config.js";
import { root, table } from "./lib";

type ManifestEntry = { module: string; imports?: string[] };
type Manifest = { entry: ManifestEntry; routes: Record<string, ManifestEntry & { parentId?: string }>; url: string };

const BUILD = path.join(root, "public", "build");

function readManifest(): Manifest {
  const file = readdirSync(BUILD).find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error("no manifest in public/build: run `npm run build` first");
  const source = readFileSync(path.join(BUILD, file), "utf8");
  const json = source.slice(source.indexOf("=") + 1).replace(/;\s*$/, "");
  return { ...(JSON.parse(json) as Omit<Manifest, "url">), url: `/build/${file}` };
}

const sizeOf = (url: string) => {
  const bytes = readFileSync(path.join(BUILD, url.replace(/^\/build\//, "")));
  return { raw: bytes.length, gzip: gzipSync(bytes).length };
};

// Files reached by import("…") from the given ones (and theirs): fetched later, on demand.
function lazyChunks(files: Iterable<string>, loaded: Set<string>): string[] {
  const found = new Set<string>();
  const queue = [...files];
  while (queue.length) {
    const source = readFileSync(path.join(BUILD, queue.pop()!.replace(/^\/build\//, "")), "utf8");
    // Relative ("./x.js") or, as Remix's compiler rewrites them, absolute ("/build/_shared/x.js").
    for (const [, rel] of source.matchAll(/import\(\s*"((?:\.{1,2}|\/build)\/[^"]+\.js)"\s*\)/g)) {
      const url = rel!.startsWith("/") ? rel! : path.posix.join("/build/_shared", rel!);
      if (!loaded.has(url) && !found.has(url)) {
        found.add(url);
        queue.push(url);
      }
    }
  }
  return [...found];
}

export function pageJs(routeId = "routes/m.$marketSlug.$stallSlug"): string {
  const manifest = readManifest();
  const chain: string[] = [];
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    if (!manifest.routes[id]) throw new Error(`no route ${id} in the manifest`);
    chain.unshift(id);
  }
  const inlineManifest = remixConfig.future?.v3_lazyRouteDiscovery === true;
  const files = new Set<string>(inlineManifest ? [] : [manifest.url]);
  for (const entry of [manifest.entry, ...chain.map((id) => manifest.routes[id]!)]) {
    files.add(entry.module);
    for (const url of entry.imports ?? []) files.add(url);
  }
  const rows = [...files].map((url) => ({ url, ...sizeOf(url) })).sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), { raw: 0, gzip: 0 });
  const lazy = lazyChunks(files, files).map((url) => ({ url, ...sizeOf(url) }));
  const kb = (n: number) => (n / 1024).toFixed(1);
  return [
    `JavaScript of ${routeId} on first load (${rows.length} files: entry, ${chain.join(" + ")}${inlineManifest ? "; the manifest is inline in the HTML" : ", manifest"})`,
    table(
      ["file", "KB", "KB gzipped"],
      [...rows.map((r) => [r.url, kb(r.raw), kb(r.gzip)]), ["total", kb(total.raw), kb(total.gzip)]],
    ),
    lazy.length
      ? `loaded on demand: ${lazy.map((r) => `${r.url} ${kb(r.gzip)} KB gzipped`).join(", ")}`
      : "nothing loaded on demand",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(pageJs(process.argv[2]));
}
