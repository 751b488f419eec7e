// What a body may cost: multipart only on the upload routes (refused elsewhere from its headers,
// before a byte of it is read), uploads counted part by part while they stream, Stripe's events
// given room, images refused from their header when they have too many pixels.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadBodyBytes } from "~/utils/body-limits.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createMarketScene } from "../fixtures/factories";
import { blackPng } from "../fixtures/images";
import { clientFor, startTestServer, type TestServer } from "../setup/server";

// The default 5 MiB: what a real deployment has, under which a multipart body of 10 MB passed
// everywhere before.
const { MAX_UPLOAD_BYTES } = env;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/**
 * Sends a request's headers (declaring `contentLength` bytes) and none of its body, and resolves
 * with the status line's code: an answer that arrives proves the server decided without reading.
 */
function statusFromHeadersOnly(path: string, headers: Record<string, string>, contentLength: number) {
  const { port } = new URL(server.url);
  return new Promise<number>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    let head = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      head += chunk;
      const match = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (match) {
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.on("error", reject);
    const lines = [
      `POST ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Content-Length: ${contentLength}`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(lines.join("\r\n") + "\r\n\r\n");
  });
}

const multipart = { "Content-Type": "multipart/form-data; boundary=XYZ" };
const TEN_MB = 10 * 1024 * 1024;

/** A multipart body of `count` text fields of one byte each. */
function tinyParts(count: number, boundary: string): string {
  const part = `--${boundary}\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n`;
  return part.repeat(count) + `--${boundary}--\r\n`;
}

/** blackPng as the bytes of a File. */
function pngOf(width: number, height: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(blackPng(width, height));
}

/** The keys of every stored photo file (app/utils/photo-storage.server.ts). */
async function listUploads(): Promise<string[]> {
  return (await db.photoFile.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((f) => f.key);
}

describe("multipart bodies outside the upload routes", () => {
  it("refuses 10 MB declared as multipart on log-in, the basket and the webhook with 413, before reading it", async () => {
    for (const path of ["/login", "/basket", "/webhooks/stripe", "/merchant/stalls/x/stock"]) {
      expect(await statusFromHeadersOnly(path, multipart, TEN_MB), path).toBe(413);
    }
  });

  it("refuses a small multipart body there with 415: no other route reads that type", async () => {
    const body = tinyParts(2, "XYZ");
    for (const path of ["/login", "/basket", "/webhooks/stripe"]) {
      expect(await statusFromHeadersOnly(path, multipart, body.length), path).toBe(415);
      const sent = await fetch(`${server.url}${path}`, { method: "POST", headers: multipart, body });
      expect(sent.status, path).toBe(415);
    }
  });

  it("still refuses an upload route's body over the upload limit before reading it", async () => {
    const { stall } = await createMarketScene(server.clock.now());
    const overLimit = uploadBodyBytes(MAX_UPLOAD_BYTES) + 1;
    expect(await statusFromHeadersOnly(`/merchant/stalls/${stall.id}/photos`, multipart, overLimit)).toBe(413);
  });
});

describe("the upload routes", () => {
  it("read a multipart form at every address Remix posts it to (the page, its .data, an index route)", async () => {
    const { stall, merchant, market, organiser, product } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    const organiserClient = await clientFor(server, organiser.id);
    const tooMany = () => {
      const form = new FormData();
      for (let i = 0; i < 101; i++) form.append("f", "x");
      return form;
    };
    // 413 with the upload's own message shows the body reached the counting parser, not the guard.
    const cases = [
      [owner, `/merchant/stalls/${stall.id}/photos`],
      [owner, `/merchant/stalls/${stall.id}/photos.data`],
      [owner, `/merchant/stalls/${stall.id}/products/new.data`],
      [owner, `/merchant/stalls/${stall.id}/products/${product.id}.data`],
      [organiserClient, `/organiser/markets/new.data`],
      [organiserClient, `/organiser/markets/${market.id}.data?index`],
      [organiserClient, `/organiser/markets/${market.id}?index`],
    ] as const;
    for (const [client, path] of cases) {
      const response = await client.post(path, tooMany());
      expect(response.status, path).toBe(413);
      // A page answers with the message; a .data answer carries its key, which the page translates.
      expect(await response.text(), path).toMatch(/trop de fichiers ou de champs|upload\.tooManyParts/);
    }
  });
});

describe("Stripe's events", () => {
  it("reads an event of 300 KB (answered on its signature) and refuses one over 512 KB before reading it", async () => {
    const big = JSON.stringify({ id: "evt_big", padding: "x".repeat(300 * 1024) });
    const response = await fetch(`${server.url}/webhooks/stripe`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=00" },
      body: big,
    });
    expect(response.status).toBe(400); // read, then refused for its signature: not 413
    const json = { "Content-Type": "application/json" };
    expect(await statusFromHeadersOnly("/webhooks/stripe", json, 600 * 1024)).toBe(413);
    // Every other route keeps the form limit.
    expect(await statusFromHeadersOnly("/login", json, 300 * 1024)).toBe(413);
  });
});

describe("uploads, counted while they stream", () => {
  it("refuses 100,000 tiny parts with 413 and a message in the visitor's language, storing nothing", async () => {
    const { stall, merchant } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    const response = await owner.request(`/merchant/stalls/${stall.id}/photos`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=B" },
      body: tinyParts(100_000, "B"),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("trop de fichiers ou de champs");
    expect(await db.photo.count({ where: { stallId: stall.id } })).toBe(0);
  });

  it("discards the rest of a refused upload, so its connection serves the next request", async () => {
    const { stall, merchant } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    const { port } = new URL(server.url);
    const body = tinyParts(100_000, "B");
    const socket = connect(Number(port), "127.0.0.1");
    let received = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (received += chunk));
    const host = `Host: 127.0.0.1:${port}\r\n`;
    socket.write(
      `POST /merchant/stalls/${stall.id}/photos HTTP/1.1\r\n${host}Cookie: ${owner.cookieHeader()}\r\n` +
        `Content-Type: multipart/form-data; boundary=B\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body);
    socket.write(`GET /healthz HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);
    await new Promise((resolve) => socket.once("close", resolve));
    const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => Number(match[1]));
    expect(statuses).toEqual([413, 200]);
  });

  it("refuses a part whose headers go on for megabytes with 413, without holding them", async () => {
    const { stall, merchant } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    const body =
      `--B\r\nContent-Disposition: form-data; name="intent"\r\nX-Padding: ${"a".repeat(4 * 1024 * 1024)}\r\n\r\n` +
      `upload\r\n--B--\r\n`;
    const response = await owner.request(`/merchant/stalls/${stall.id}/photos`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=B" },
      body,
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("Ce formulaire est trop lourd");
  });

  it("lets the largest honest upload through the counting: 8 files of MAX_UPLOAD_BYTES and the text fields", async () => {
    const { stall, merchant } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    const form = new FormData();
    form.append("intent", "upload");
    form.append("alt", "é".repeat(200));
    // Not pictures: judged (415) only once the whole body has been read and counted.
    const bytes = new Uint8Array(MAX_UPLOAD_BYTES).fill(0x0d); // carriage returns, the parser's worst
    for (let i = 0; i < 8; i++) form.append("photos", new File([bytes], `${i}.png`, { type: "image/png" }));
    const response = await owner.post(`/merchant/stalls/${stall.id}/photos`, form);
    expect(response.status).toBe(415);
    expect(await response.text()).toContain("n’est pas une image");
  });

  it("refuses more than 8 files in one upload with 413, storing nothing", async () => {
    const { stall, merchant } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    const before = await listUploads();
    const form = new FormData();
    form.append("intent", "upload");
    for (let i = 0; i < 9; i++) form.append("photos", new File([pngOf(10, 10)], `${i}.png`, { type: "image/png" }));
    const response = await owner.post(`/merchant/stalls/${stall.id}/photos`, form);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("8 photos au plus");
    expect(await db.photo.count({ where: { stallId: stall.id } })).toBe(0);
    expect(await listUploads()).toEqual(before);
  });

  it("refuses text fields beyond the form limit with 413, in English for an English visitor", async () => {
    const { stall, merchant } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    await owner.post("/lang", { locale: "en", redirectTo: "/" });
    const form = new FormData();
    form.append("intent", "upload");
    form.append("alt", "a".repeat(70 * 1024));
    const response = await owner.post(`/merchant/stalls/${stall.id}/photos`, form);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("This form is too heavy");
  });

  it("refuses a file over MAX_UPLOAD_BYTES on the product form with 413 and writes nothing", async () => {
    const { stall, merchant } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    const before = await listUploads();
    const response = await owner.post(`/merchant/stalls/${stall.id}/products/new`, {
      name: "Miel",
      description: "500 g",
      price: "12,50",
      stock: "4",
      photo: new File([new Uint8Array(MAX_UPLOAD_BYTES + 1)], "big.png", { type: "image/png" }),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("trop lourd");
    expect(await db.product.count({ where: { stallId: stall.id } })).toBe(1); // the scene's own
    expect(await listUploads()).toEqual(before);
  });
});

describe("image dimensions", () => {
  it("refuses a 16,000 × 16,000 PNG of a few kilobytes from its header with 422, writing nothing", async () => {
    const { stall, merchant } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    const before = await listUploads();
    const huge = pngOf(16_000, 16_000);
    expect(huge.byteLength).toBeLessThan(MAX_UPLOAD_BYTES);
    const response = await owner.post(`/merchant/stalls/${stall.id}/photos`, {
      intent: "upload",
      photos: new File([huge], "huge.png", { type: "image/png" }),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("50 mégapixels au plus");
    expect(await db.photo.count({ where: { stallId: stall.id } })).toBe(0);
    expect(await listUploads()).toEqual(before);
  });

  it("still takes a small picture made the same way", async () => {
    const { stall, merchant } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    const response = await owner.post(`/merchant/stalls/${stall.id}/photos`, {
      intent: "upload",
      photos: new File([pngOf(640, 480)], "small.png", { type: "image/png" }),
    });
    expect(response.status).toBe(200);
    expect(await db.photo.findFirstOrThrow({ where: { stallId: stall.id } })).toMatchObject({
      width: 640,
      height: 480,
    });
  });
});

describe("Content-Security-Policy", () => {
  async function page(path: string) {
    const response = await fetch(`${server.url}${path}`);
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    return { response, policy, nonce, html: await response.text() };
  }

  it("allows only our scripts and those carrying this response's nonce, fresh every time", async () => {
    const first = await page("/");
    const second = await page("/");
    for (const { policy, nonce } of [first, second]) {
      expect(nonce).toBeTruthy();
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
    }
    expect(first.nonce).not.toBe(second.nonce);
  });

  it("puts the nonce on every script of a rendered page, error pages included", async () => {
    const { scene } = { scene: await createMarketScene(server.clock.now()) };
    for (const path of ["/", `/m/${scene.market.slug}`, "/login", "/no-such-page"]) {
      const { nonce, html } = await page(path);
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  });
});
