// A page's HTML leaves the server in a few chunks (issue 12): React writes 2 KB pieces, and
// app/entry.server.tsx joins them until React flushes, so a stall page crosses Remix's web
// stream and the socket as its shell plus the streamed data, not one chunk per 2 KB. Read here
// from the wire: the chunks of the chunked transfer encoding, as the server wrote them.
import { connect } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMarket, createProduct, createSession, createStall, createTown, createUser } from "../fixtures/factories";
import { startTestServer, type TestServer } from "../setup/server";

const NOW = new Date("2026-12-05T12:00:00Z");
let server: TestServer;
let path: string;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  const town = await createTown();
  const owner = await createUser();
  const market = await createMarket(town.id);
  await createSession(market.id, new Date("2026-12-05T09:00:00Z"), new Date("2026-12-05T18:00:00Z"));
  const stall = await createStall(market.id, owner.id, { name: "Miellerie des Coteaux" });
  await db.stall.update({ where: { id: stall.id }, data: { description: "Miels de Rueil et de Suresnes." } });
  for (let i = 1; i <= 6; i++) {
    await createProduct(stall.id, { name: `Miel de printemps n° ${i}, pot de 500 g`, stock: 10, priceCents: 1200 });
  }
  const slugs = await db.stall.findUniqueOrThrow({
    where: { id: stall.id },
    select: { slug: true, market: { select: { slug: true } } },
  });
  path = `/m/${slugs.market.slug}/${slugs.slug}`;
});

afterAll(async () => {
  await server?.close();
});

/** The body's chunks, as sizes, from a raw HTTP/1.1 exchange (no compression asked). */
async function chunksOf(url: string): Promise<{ status: number; sizes: number[]; body: string }> {
  const { hostname, port, pathname } = new URL(url);
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
    });
    const parts: Buffer[] = [];
    socket.on("data", (part: Buffer) => parts.push(part));
    socket.on("end", () => resolve(Buffer.concat(parts)));
    socket.on("error", reject);
  });
  const headerEnd = raw.indexOf("\r\n\r\n");
  const head = raw.subarray(0, headerEnd).toString("latin1");
  expect(head).toMatch(/transfer-encoding: chunked/i);
  const sizes: number[] = [];
  const body: Buffer[] = [];
  let at = headerEnd + 4;
  for (;;) {
    const lineEnd = raw.indexOf("\r\n", at);
    const size = parseInt(raw.subarray(at, lineEnd).toString("latin1"), 16);
    if (size === 0) break;
    sizes.push(size);
    body.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), sizes, body: Buffer.concat(body).toString("utf8") };
}

it("sends a stall page as its shell and its streamed data, not one chunk per 2 KB", async () => {
  const { status, sizes, body } = await chunksOf(server.url + path);
  expect(status).toBe(200);
  expect(body).toContain("Miellerie des Coteaux");
  expect(body).toContain("Miel de printemps n° 6, pot de 500 g");
  expect(body.trimEnd()).toMatch(/<\/script>(<!--\/\$-->)*$/);
  // Well over 2 KB of HTML (React's piece size), in a handful of chunks: the shell, the loader
  // data's script, the stream's close. Without the joining it is one chunk per 2 KB piece.
  expect(Buffer.byteLength(body)).toBeGreaterThan(10 * 2048);
  expect(sizes.length).toBeLessThanOrEqual(4);
  expect(Math.max(...sizes)).toBeGreaterThan(8 * 2048);
});
