// What a careless client or an attacker sends: bodies that are not forms, bodies too large,
// redirects that leave the site, spoofed Host headers. Each gets a 4xx, never a 500.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMarketScene, createUser, TEST_PASSWORD } from "../fixtures/factories";
import { clientFor, startTestServer, TestClient, type TestServer } from "../setup/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function rawPost(path: string, body: string, headers: Record<string, string>) {
  return fetch(`${server.url}${path}`, { method: "POST", body, headers, redirect: "manual" });
}

describe("bodies that are not forms", () => {
  it("answers 415 to JSON, plain text or no content type on a form action", async () => {
    expect((await rawPost("/login", "{}", { "Content-Type": "application/json" })).status).toBe(415);
    expect((await rawPost("/login", "email=x", { "Content-Type": "text/plain" })).status).toBe(415);
    expect((await fetch(`${server.url}/lang`, { method: "POST" })).status).toBe(415);
  });

  it("answers 400 to a multipart body without a boundary or cut short, and stores nothing", async () => {
    const { stall, merchant } = await createMarketScene(server.clock.now());
    const owner = await clientFor(server, merchant.id);
    const url = `/merchant/stalls/${stall.id}/photos`;
    const noBoundary = await owner.request(url, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data" },
      body: "--x\r\n",
    });
    expect(noBoundary.status).toBe(400);
    const truncated = await owner.request(url, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=XYZ" },
      body: '--XYZ\r\nContent-Disposition: form-data; name="photos"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG',
    });
    expect(truncated.status).toBe(400);
    expect(await db.photo.count({ where: { stallId: stall.id } })).toBe(0);
  });
});

describe("body size", () => {
  it("refuses a form larger than 64 KB with 413 before reading it", async () => {
    const response = await rawPost("/login", `email=${"a".repeat(70 * 1024)}&password=x`, {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(413);
  });

  it("refuses a chunked body (no Content-Length) with 411", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
      });
      req.on("response", (res) => resolve(res.statusCode!));
      req.on("error", reject);
      req.write("email=a");
      req.end();
    });
    expect(status).toBe(411);
  });
});

describe("redirects after log-in", () => {
  async function logInWith(redirectTo: string) {
    const user = await createUser();
    const client = new TestClient(server.url);
    const response = await client.post(`/login?redirectTo=${encodeURIComponent(redirectTo)}`, {
      email: user.email,
      password: TEST_PASSWORD,
      redirectTo,
    });
    return response.headers.get("location");
  }

  it("follows a path of this site", async () => {
    expect(await logInWith("/merchant?tab=stock")).toBe("/merchant?tab=stock");
  });

  it("never leaves the site, whatever the browser would make of the path", async () => {
    for (const evil of [
      "//evil.example",
      "/\t/evil.example",
      "/\\evil.example",
      "/\n/evil.example",
      "https://evil.example",
    ]) {
      expect(await logInWith(evil), JSON.stringify(evil)).toBe("/");
    }
  });

  it("answers the language switch with a redirect home, not a 500, for a broken path", async () => {
    const client = new TestClient(server.url);
    const response = await client.post("/lang", { locale: "en", redirectTo: "/\n/x" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
  });
});

describe("links in emails", () => {
  it("do not follow a Host header chosen by the client", async () => {
    const user = await createUser();
    await new Promise<void>((resolve, reject) => {
      const body = `email=${encodeURIComponent(user.email)}`;
      const req = httpRequest(`${server.url}/forgot-password`, {
        method: "POST",
        headers: {
          Host: "evil.example",
          "X-Forwarded-Host": "evil2.example",
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(Buffer.byteLength(body)),
        },
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve());
      });
      req.on("error", reject);
      req.end(body);
    });
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: user.email } });
    expect(mail.text).toContain("http://localhost:");
    expect(mail.text).not.toMatch(/evil/);
  });
});

describe("the development outbox", () => {
  it("is shown on this machine and hidden from any other address", async () => {
    expect((await fetch(`${server.url}/dev/outbox`)).status).toBe(200);
    // Express trusts X-Forwarded-For from a loopback proxy: this is how a remote visitor arrives.
    const remote = await fetch(`${server.url}/dev/outbox`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
    expect(remote.status).toBe(404);
  });
});

describe("security headers", () => {
  it("forbids framing and content sniffing on every page", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
