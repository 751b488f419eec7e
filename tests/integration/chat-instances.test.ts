// The chat on two instances sharing one database and one Redis (sticky sessions put each socket
// on one instance): presence counts every instance's sockets, the merchant online on one instance
// is online for the other, and a deletion made on one reaches the room on the other. Needs Redis:
// TEST_REDIS_URL, or 127.0.0.1:6379 (.ci/run starts one), like multi-instance.test.ts.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessageDto, StallJoined } from "~/realtime/events";
import { db } from "~/utils/db.server";
import { ask, createChatScene, listen, ok, quiet, until } from "../fixtures/chat";
import { clientFor, connectSocket, startTestServer, TestClock, type TestServer } from "../setup/server";
import { eventually } from "../setup/wait";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const T0 = new Date("2026-12-05T10:00:00Z");

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function instance(holder: string, clock: TestClock, redisKey: string) {
  const server = await startTestServer({ clock, redisUrl: REDIS_URL, redisKey, scheduler: { holder } });
  cleanups.push(() => server.close());
  return server;
}

async function socketOn(server: TestServer, userId: string | null) {
  const socket = await connectSocket(server, await clientFor(server, userId));
  cleanups.push(() => socket.disconnect());
  return socket;
}

describe("two instances", () => {
  it("count visitors and see the merchant across instances, and carry deletions and emails' online check", async () => {
    const clock = new TestClock(T0);
    const redisKey = `chalet-test-${randomUUID()}`;
    const a = await instance("a", clock, redisKey);
    const b = await instance("b", clock, redisKey);
    const { stall, merchant, alice, bob } = await createChatScene(T0);

    const aliceOnA = await socketOn(a, alice.id);
    ok(await ask<StallJoined>(aliceOnA, "stall:join", { stallId: stall.id }));
    await quiet(a, aliceOnA); // Alice's own join is told first
    const heard = listen(aliceOnA, "presence:count");
    const bobOnB = await socketOn(b, bob.id);
    const joined = ok(await ask<StallJoined>(bobOnB, "stall:join", { stallId: stall.id }));
    expect(joined.presence).toEqual({ stallId: stall.id, visitors: 2, merchantOnline: false });
    await until(heard, 1);
    expect(heard.at(-1)).toEqual({ stallId: stall.id, visitors: 2, merchantOnline: false });

    // The merchant opens a page on B: Alice, on A, sees them online.
    const merchantOnB = await socketOn(b, merchant.id);
    await eventually(() => heard.at(-1)?.merchantOnline);
    expect(heard.at(-1)).toEqual({ stallId: stall.id, visitors: 2, merchantOnline: true });

    // Alice writes through A while the merchant is online on B only: no email.
    const sent = ok(await ask<ChatMessageDto>(aliceOnA, "chat:send", { stallId: stall.id, body: "Bonjour" }));
    await a.idle(); // the offline notice, had there been one, is written
    expect(await db.outboxEmail.count({ where: { to: merchant.email } })).toBe(0);

    // The merchant deletes it from B: Alice's screen on A loses it.
    const deleted = listen(aliceOnA, "chat:deleted");
    ok(await ask(merchantOnB, "chat:delete", { messageId: sent.id }));
    expect(await until(deleted, 1)).toEqual([{ stallId: stall.id, messageId: sent.id }]);

    // The merchant leaves: offline for A too, and the next message is emailed.
    merchantOnB.disconnect();
    await eventually(() => heard.at(-1)?.merchantOnline === false);
    expect(heard.at(-1)).toEqual({ stallId: stall.id, visitors: 2, merchantOnline: false });
    ok(await ask(aliceOnA, "chat:send", { stallId: stall.id, body: "Vous êtes parti ?" }));
    await eventually(async () => (await db.outboxEmail.count({ where: { to: merchant.email } })) > 0);
    expect(await db.outboxEmail.count({ where: { to: merchant.email } })).toBe(1);
  });

  it("enforce a mute written on the other instance at once, and tell the other instance through Redis", async () => {
    const clock = new TestClock(T0);
    const redisKey = `chalet-test-${randomUUID()}`;
    const a = await instance("a", clock, redisKey);
    const b = await instance("b", clock, redisKey);
    const { stall, organiser, alice } = await createChatScene(T0);
    const aliceOnA = await socketOn(a, alice.id);
    // A now knows the market's mutes (none).
    const sent = ok(await ask<ChatMessageDto>(aliceOnA, "chat:send", { stallId: stall.id, body: "Avant" }));
    // Both instances share this test's process (and so its memo's version); in production they do
    // not, and only B's word through the adapter ends A's memo: check that A hears it.
    let told = 0;
    a.io.on("chat:mutes-changed", () => told++);
    const organiserOnB = await socketOn(b, organiser.id);
    ok(await ask(organiserOnB, "chat:mute", { messageId: sent.id, minutes: 10 }));
    await eventually(() => told > 0);
    expect(told).toBe(1);
    expect(await ask(aliceOnA, "chat:send", { stallId: stall.id, body: "Après" })).toMatchObject({
      ok: false,
      error: { code: "MUTED" },
    });
    expect(await db.chatMessage.count({ where: { stallId: stall.id } })).toBe(1);
  });
});
