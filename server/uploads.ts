// GET/HEAD /uploads/<key>: photos from the photo storage (app/utils/photo-storage.server.ts),
// the same on every instance. A key's bytes never change, so browsers and proxies keep them a year
// and the key is their ETag.
// Imported only after the database is chosen (server/index.ts): the storage module opens it.
import type { RequestHandler } from "express";
import type { PhotoStorage } from "../app/utils/photo-storage.server";
import { isPhotoKey } from "../app/utils/photo-storage.server";

const CACHE_CONTROL = "public, max-age=31536000, immutable";

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");
}

export function servePhotos(storage: PhotoStorage): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.set("Allow", "GET, HEAD").status(405).end();
      return;
    }
    let key: string;
    try {
      key = decodeURIComponent(req.path.slice(1));
    } catch {
      key = "";
    }
    if (!isPhotoKey(key)) {
      res.status(404).type("text/plain").send("Not found");
      return;
    }
    const etag = `"${key}"`;
    // A revalidation or a HEAD needs only the file's head: its bytes stay in the database.
    const headOnly = req.method === "HEAD" || matches(req.get("If-None-Match"), etag);
    (headOnly ? storage.head(key) : storage.get(key))
      .then((file) => {
        if (!file) {
          res.status(404).type("text/plain").send("Not found");
          return;
        }
        res.set({ "Cache-Control": CACHE_CONTROL, ETag: etag });
        if (matches(req.get("If-None-Match"), etag)) {
          res.status(304).end();
          return;
        }
        res.set({ "Content-Type": file.contentType, "Content-Length": String(file.size) });
        if ("bytes" in file) res.end(file.bytes);
        else res.end();
      })
      .catch(next);
  };
}
