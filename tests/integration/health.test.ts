import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../setup/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("GET /healthz", () => {
  it("reports the database as reachable", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; database: { ok: boolean } };
    expect(body.status).toBe("ok");
    expect(body.database.ok).toBe(true);
  });
});

describe("GET /favicon.ico", () => {
  it("points to the SVG icon rather than to the app's 404 (and its error log)", async () => {
    const response = await fetch(`${server.url}/favicon.ico`, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/favicon.svg");
  });
});

describe("cross-site posts", () => {
  it("refuses a form posted from another origin", async () => {
    const response = await fetch(`${server.url}/lang`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "locale=en&redirectTo=/",
      redirect: "manual",
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("accepts the same form from the site itself and remembers the language", async () => {
    const response = await fetch(`${server.url}/lang`, {
      method: "POST",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: "locale=en&redirectTo=/",
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/chalet_lang=/);
    const home = await fetch(`${server.url}/`, { headers: { Cookie: cookie.split(";")[0]! } });
    expect(await home.text()).toContain('lang="en"');
  });
});
