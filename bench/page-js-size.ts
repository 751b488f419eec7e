// The JavaScript a page makes the browser download, from the build's manifest (run `npm run build`
// first): the client entry, the root route and the page's route, each with the shared chunks it
// imports (counted once), plus the manifest file unless lazy route discovery is on (the page then
// carries its part of the manifest inline, in the HTML). Sizes raw and gzipped (zlib's default level,
// as the server's compression middleware sends them). Chunks a page loads only when asked (dynamic import()) are listed apart: they are not
// part of the first load. Read by bench/page-js.ts (the table) and by
// tests/integration/page-js-budget.test.ts (the stall page's budget).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import remixConfig from "../remix.config.js";

type ManifestEntry = { module: string; imports?: string[] };
type Manifest = { entry: ManifestEntry; routes: Record<string, ManifestEntry & { parentId?: string }>; url: string };

export type JsFile = { url: string; raw: number; gzip: number };
export type PageJs = {
  routeId: string;
  /** The route and its parents, root first. */
  chain: string[];
  inlineManifest: boolean;
  /** The first load, largest first. */
  files: JsFile[];
  total: { raw: number; gzip: number };
  /** Reached only through import(): fetched later, on demand. */
  lazy: JsFile[];
};

export const STALL_ROUTE = "routes/m.$marketSlug.$stallSlug";
export const DEFAULT_BUILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "public", "build");

export function pageJs(routeId = STALL_ROUTE, build = DEFAULT_BUILD): PageJs {
  const read = (url: string) => readFileSync(path.join(build, url.replace(/^\/build\//, "")));
  const sizeOf = (url: string): JsFile => {
    const bytes = read(url);
    return { url, raw: bytes.length, gzip: gzipSync(bytes).length };
  };

  const file = readdirSync(build).find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error(`no manifest in ${build}: run \`npm run build\` first`);
  const source = readFileSync(path.join(build, file), "utf8");
  const json = source.slice(source.indexOf("=") + 1).replace(/;\s*$/, "");
  const manifest: Manifest = { ...(JSON.parse(json) as Omit<Manifest, "url">), url: `/build/${file}` };

  const chain: string[] = [];
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    if (!manifest.routes[id]) throw new Error(`no route ${id} in the manifest`);
    chain.unshift(id);
  }
  const inlineManifest = remixConfig.future?.v3_lazyRouteDiscovery === true;
  const loaded = new Set<string>(inlineManifest ? [] : [manifest.url]);
  for (const entry of [manifest.entry, ...chain.map((id) => manifest.routes[id]!)]) {
    loaded.add(entry.module);
    for (const url of entry.imports ?? []) loaded.add(url);
  }
  const files = [...loaded].map(sizeOf).sort((a, b) => b.gzip - a.gzip);
  const total = files.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), { raw: 0, gzip: 0 });

  // Files reached by import("…") from the first load's, and what those import in turn.
  const lazy = new Set<string>();
  const queue = [...loaded];
  while (queue.length) {
    const url = queue.pop()!;
    const code = read(url).toString("utf8");
    // Relative ("./x.js") or, as Remix's compiler rewrites them, absolute ("/build/_shared/x.js").
    const dynamic = /import\(\s*"((?:\.{1,2}|\/build)\/[^"]+\.js)"\s*\)/g;
    // A lazy chunk's own static imports (`from"/build/…"`) come with it, on demand too.
    const statics = /from\s*"((?:\.{1,2}|\/build)\/[^"]+\.js)"/g;
    const found = [...code.matchAll(dynamic), ...(lazy.has(url) ? code.matchAll(statics) : [])];
    for (const [, rel] of found) {
      const target = rel!.startsWith("/") ? rel! : path.posix.join(path.posix.dirname(url), rel!);
      if (!loaded.has(target) && !lazy.has(target)) {
        lazy.add(target);
        queue.push(target);
      }
    }
  }
  return { routeId, chain, inlineManifest, files, total, lazy: [...lazy].map(sizeOf) };
}
