// Photos live in PostgreSQL (app/utils/photo-storage.server.ts), not on one machine's disk: what
// one instance stored, another serves, with a year of immutable caching.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/utils/db.server";
import { blackPng } from "../fixtures/images";
import { createMarketScene } from "../fixtures/factories";
import { clientFor, startTestServer, type TestClient, type TestServer } from "../setup/server";
import { freePort } from "../setup/ports";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let a: TestServer;
let b: { url: string; process: ChildProcess };

beforeAll(async () => {
  a = await startTestServer();
  // Instance B is another process on the same database, with a disk folder of its own, as a
  // second machine would have (UPLOAD_DIR is no setting any more: were photos on disk, B would
  // look for them there and not find them).
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      REDIS_URL: "",
      UPLOAD_DIR: mkdtempSync(path.join(tmpdir(), "chalet-photos-b-")),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  b = { url: `http://127.0.0.1:${port}`, process: child };
  await vi.waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`instance B exited with ${child.exitCode}`);
      expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    },
    { timeout: 60_000, interval: 100 },
  );
}, 90_000);

afterAll(async () => {
  if (b?.process.exitCode === null) {
    const exited = new Promise((resolve) => b.process.once("exit", resolve));
    b.process.kill("SIGTERM");
    await exited;
  }
  await a?.close();
});

async function pngFile(name = "photo.png", width = 900, height = 600) {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .png()
    .toBuffer();
  return new File([new Uint8Array(bytes)], name, { type: "image/png" });
}

/** A PNG whose header reads well (so it is accepted) and whose pixels are cut short. */
function brokenPng() {
  const whole = blackPng(400, 300);
  return new File([new Uint8Array(whole.subarray(0, 60))], "broken.png", { type: "image/png" });
}

async function owner(): Promise<{ client: TestClient; stallId: string }> {
  const scene = await createMarketScene(a.clock.now());
  return { client: await clientFor(a, scene.merchant.id), stallId: scene.stall.id };
}

describe("photos in the database", () => {
  it("serves through instance B a photo uploaded through instance A, and 404s it once deleted", async () => {
    const { client, stallId } = await owner();
    const upload = await client.post(`/merchant/stalls/${stallId}/photos`, {
      intent: "upload",
      alt: "Pots de miel",
      photos: await pngFile(),
    });
    expect(upload.status).toBe(200);
    const photo = await db.photo.findFirstOrThrow({ where: { stallId } });

    for (const src of [photo.src, photo.thumbSrc]) {
      const fromA = await fetch(`${a.url}${src}`);
      const fromB = await fetch(`${b.url}${src}`);
      expect(fromA.status).toBe(200);
      expect(fromB.status, src).toBe(200);
      expect(fromB.headers.get("content-type")).toBe("image/webp");
      const bytes = Buffer.from(await fromB.arrayBuffer());
      expect(bytes.equals(Buffer.from(await fromA.arrayBuffer()))).toBe(true);
      expect((await sharp(bytes).metadata()).format).toBe("webp");
    }

    expect(
      (await client.post(`/merchant/stalls/${stallId}/photos`, { intent: "delete", photoId: photo.id })).status,
    ).toBe(200);
    for (const server of [a.url, b.url]) {
      expect((await fetch(`${server}${photo.src}`)).status).toBe(404);
      expect((await fetch(`${server}${photo.thumbSrc}`)).status).toBe(404);
    }
    expect(
      await db.photoFile.count({ where: { key: { in: [photo.src, photo.thumbSrc].map((s) => s.slice(9)) } } }),
    ).toBe(0);
  });

  it("answers with a year of immutable caching, the key as ETag, 304 on If-None-Match, HEAD without a body", async () => {
    const { client, stallId } = await owner();
    await client.post(`/merchant/stalls/${stallId}/photos`, { intent: "upload", alt: "", photos: await pngFile() });
    const photo = await db.photo.findFirstOrThrow({ where: { stallId } });
    const key = photo.src.slice("/uploads/".length);
    const stored = await db.photoFile.findUniqueOrThrow({ where: { key } });

    for (const url of [a.url, b.url]) {
      const full = await fetch(`${url}${photo.src}`);
      expect(full.status).toBe(200);
      expect(full.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(full.headers.get("etag")).toBe(`"${key}"`);
      expect(full.headers.get("content-length")).toBe(String(stored.size));
      expect((await full.arrayBuffer()).byteLength).toBe(stored.size);

      const again = await fetch(`${url}${photo.src}`, { headers: { "If-None-Match": `"${key}"` } });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(`"${key}"`);
      expect((await again.arrayBuffer()).byteLength).toBe(0);

      const other = await fetch(`${url}${photo.src}`, { headers: { "If-None-Match": `"something-else"` } });
      expect(other.status).toBe(200);
      await other.arrayBuffer();

      const head = await fetch(`${url}${photo.src}`, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toBe("image/webp");
      expect(head.headers.get("content-length")).toBe(String(stored.size));
      expect(head.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");

      expect((await fetch(`${url}/uploads/no-such-photo-480.webp`)).status).toBe(404);
      expect((await fetch(`${url}/uploads/..%2Fpackage.json`)).status).toBe(404);
      expect((await fetch(`${url}/uploads/${key}`, { method: "POST" })).status).toBe(405);
    }
  });

  it("leaves no stored file when one image of an upload fails after another was rendered", async () => {
    const { client, stallId } = await owner();
    // The control: a good image alone is stored (two renditions).
    const before = await db.photoFile.count();
    expect(
      (await client.post(`/merchant/stalls/${stallId}/photos`, { intent: "upload", alt: "", photos: await pngFile() }))
        .status,
    ).toBe(200);
    expect(await db.photoFile.count()).toBe(before + 2);

    const form = new FormData();
    form.append("intent", "upload");
    form.append("alt", "");
    form.append("photos", await pngFile("good.png", 600, 400));
    form.append("photos", brokenPng());
    const failed = await client.post(`/merchant/stalls/${stallId}/photos`, form);
    expect(failed.status).toBe(400);
    expect(await db.photoFile.count()).toBe(before + 2);
    expect(await db.photo.count({ where: { stallId } })).toBe(1);

    // A product saved with a broken photo: nothing stored either.
    const product = await client.post(`/merchant/stalls/${stallId}/products/new`, {
      name: "Miel",
      description: "",
      price: "5",
      stock: "3",
      photo: brokenPng(),
    });
    expect(product.status).toBe(400);
    expect(await db.photoFile.count()).toBe(before + 2);
  });

  it("stores the demo's pictures the same way, served by either instance", async () => {
    const { seedDemo } = await import("../../prisma/seed");
    await seedDemo(db);
    const photo = await db.photo.findFirstOrThrow({ where: { src: { startsWith: "/uploads/demo/" } } });
    for (const url of [a.url, b.url]) {
      const response = await fetch(`${url}${photo.src}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/svg+xml");
      expect(await response.text()).toContain("<svg");
    }
  });
});
