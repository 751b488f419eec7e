// A town's team through the real server: invitations by email (once, 7 days, the invited address
// only, revocable), roles changed and members removed under the last-organiser rule, an audit line
// for each change, bad input refused with a message; and what a moderator may do (the chat's
// reports, by HTTP and by socket) and see.
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ask, ok, socketPool } from "../fixtures/chat";
import {
  createAdmin,
  createMarket,
  createMarketScene,
  createOrganiser,
  createTeamMember,
  createTown,
  createUser,
} from "../fixtures/factories";
import { clientFor, startTestServer, type TestClient, type TestServer } from "../setup/server";

let server: TestServer;
const sockets = socketPool(() => server);
beforeAll(async () => {
  server = await startTestServer({ now: new Date("2026-12-05T12:00:00Z") });
});
afterEach(() => sockets.closeAll());
afterAll(() => server.close());

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const audit = (townId: string) =>
  db.auditEvent.findMany({
    where: { townId },
    orderBy: { createdAt: "asc" },
    select: { action: true, subject: true, actorId: true },
  });

/** Invites through the page and answers the token read from the outbox's email. */
async function invite(client: TestClient, url: string, email: string, role = "ORGANISER"): Promise<string> {
  const response = await client.post(url, { intent: "invite", email, role });
  expect(response.status, await response.clone().text()).toBe(200);
  const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const token = /\/team\/([\w-]+)/.exec(mail.text)?.[1];
  expect(token, mail.text).toBeTruthy();
  return token!;
}

describe("team invitations", () => {
  it("an administrator invites an organiser: the email's link works once, for the invited address only", async () => {
    const town = await createTown();
    const admin = await createAdmin();
    const adminClient = await clientFor(server, admin.id);
    const email = `nouvelle-${town.id}@example.test`;
    const token = await invite(adminClient, `/admin/towns/${town.id}`, email);

    const invitation = await db.teamInvitation.findFirstOrThrow({ where: { townId: town.id } });
    expect(invitation.tokenHash).toBe(sha256(token));
    expect(invitation.role).toBe("ORGANISER");
    expect(invitation.expiresAt.getTime() - server.clock.now().getTime()).toBe(7 * 86400_000);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(mail.subject).toContain(town.name);

    // Logged out: the page says who it is for and offers log-in and sign-up coming back here.
    const anonymous = await clientFor(server, null);
    const page = await (await anonymous.get(`/team/${token}`)).text();
    expect(page).toContain(email);
    expect(page).toContain(`/signup?redirectTo=${encodeURIComponent(`/team/${token}`)}`);

    // Another account: told clearly, nothing joined.
    const other = await createUser();
    const otherClient = await clientFor(server, other.id);
    expect(await (await otherClient.get(`/team/${token}`)).text()).toContain("mais vous êtes connecté avec");
    const refused = await otherClient.post(`/team/${token}`, {});
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("mais vous êtes connecté avec");
    expect(await db.membership.count({ where: { townId: town.id } })).toBe(0);

    // The invited address (written with capitals in the account): joins, once.
    const invitee = await createUser({ email });
    const inviteeClient = await clientFor(server, invitee.id);
    const accepted = await inviteeClient.post(`/team/${token}`, {});
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/organiser");
    expect(await db.membership.findMany({ where: { townId: town.id }, select: { userId: true, role: true } })).toEqual([
      { userId: invitee.id, role: "ORGANISER" },
    ]);
    expect((await inviteeClient.get("/organiser")).status).toBe(200);

    expect((await inviteeClient.post(`/team/${token}`, {})).status).toBe(410);
    expect((await anonymous.get(`/team/${token}`)).status).toBe(410);
    expect(await db.membership.count({ where: { townId: town.id } })).toBe(1);
    expect(await audit(town.id)).toEqual([
      { action: "team.invited", subject: `${email} (ORGANISER)`, actorId: admin.id },
      { action: "team.joined", subject: `${email} (ORGANISER)`, actorId: invitee.id },
    ]);
  });

  it("a link expires after 7 days", async () => {
    const town = await createTown();
    const organiser = await createOrganiser(town.id);
    const client = await clientFor(server, organiser.id);
    const email = `tard-${town.id}@example.test`;
    const token = await invite(client, `/organiser/towns/${town.id}/team`, email, "MODERATOR");
    const invitee = await clientFor(server, (await createUser({ email })).id);
    const start = server.clock.now();
    try {
      server.clock.advance(7 * 86400_000);
      expect((await invitee.get(`/team/${token}`)).status).toBe(410);
      expect((await invitee.post(`/team/${token}`, {})).status).toBe(410);
      expect(await db.membership.count({ where: { townId: town.id, role: "MODERATOR" } })).toBe(0);
    } finally {
      server.clock.set(start);
    }
  });

  it("a revoked invitation's link stops working, and the revocation is logged", async () => {
    const town = await createTown();
    const organiser = await createOrganiser(town.id);
    const client = await clientFor(server, organiser.id);
    const email = `annulee-${town.id}@example.test`;
    const token = await invite(client, `/organiser/towns/${town.id}/team`, email, "MODERATOR");
    const invitation = await db.teamInvitation.findFirstOrThrow({ where: { townId: town.id } });

    expect(
      (await client.post(`/organiser/towns/${town.id}/team`, { intent: "revoke", invitationId: invitation.id })).status,
    ).toBe(200);
    const invitee = await clientFor(server, (await createUser({ email })).id);
    expect((await invitee.get(`/team/${token}`)).status).toBe(410);
    expect((await invitee.post(`/team/${token}`, {})).status).toBe(410);
    expect(await db.membership.count({ where: { townId: town.id, userId: { not: organiser.id } } })).toBe(0);
    expect((await audit(town.id)).map((a) => a.action)).toEqual(["team.invited", "team.invitation_revoked"]);

    // An invitation of another town is "not found" here, and stays.
    const elsewhere = await createTown();
    const theirs = await db.teamInvitation.create({
      data: {
        townId: elsewhere.id,
        email: "x@example.test",
        role: "MODERATOR",
        tokenHash: sha256(`t-${elsewhere.id}`),
        expiresAt: new Date("2027-01-01"),
      },
    });
    const foreign = await client.post(`/organiser/towns/${town.id}/team`, {
      intent: "revoke",
      invitationId: theirs.id,
    });
    expect(foreign.status).toBe(404);
    expect((await db.teamInvitation.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
  });

  it("refuses a bad address, an unknown role and a member already there with a message, writing nothing", async () => {
    const town = await createTown();
    const organiser = await createOrganiser(town.id);
    const moderator = await createTeamMember(town.id, "MODERATOR");
    const client = await clientFor(server, organiser.id);
    const url = `/organiser/towns/${town.id}/team`;

    const badEmail = await client.post(url, { intent: "invite", email: "pas-une-adresse", role: "MODERATOR" });
    expect(badEmail.status).toBe(400);
    expect(await badEmail.text()).toContain("Cette adresse e-mail n’est pas valide.");
    const badRole = await client.post(url, { intent: "invite", email: "ok@example.test", role: "MAIRE" });
    expect(badRole.status).toBe(400);
    expect(await badRole.text()).toContain("Choisissez un rôle\u00a0: organisateur ou modérateur.");
    const badChange = await client.post(url, { intent: "role", userId: moderator.id, role: "ADMIN" });
    expect(badChange.status).toBe(400);
    const already = await client.post(url, { intent: "invite", email: moderator.email, role: "ORGANISER" });
    expect(already.status).toBe(409);
    expect(await already.text()).toContain("fait déjà partie de l’équipe");

    expect(await db.teamInvitation.count({ where: { townId: town.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { townId: town.id } })).toBe(0);
    expect(
      (await db.membership.findUniqueOrThrow({ where: { userId_townId: { userId: moderator.id, townId: town.id } } }))
        .role,
    ).toBe("MODERATOR");
    expect(await db.outboxEmail.count({ where: { to: "ok@example.test" } })).toBe(0);
  });
});

describe("roles and the last organiser", () => {
  it("never removes or demotes a town's last organiser; with two, it does, and logs each change", async () => {
    const town = await createTown();
    const first = await createOrganiser(town.id);
    const client = await clientFor(server, first.id);
    const url = `/organiser/towns/${town.id}/team`;

    const leave = await client.post(url, { intent: "remove", userId: first.id });
    expect(leave.status).toBe(409);
    expect(await leave.text()).toContain("au moins un organisateur");
    expect((await client.post(url, { intent: "role", userId: first.id, role: "MODERATOR" })).status).toBe(409);
    expect(await db.membership.count({ where: { townId: town.id, role: "ORGANISER" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { townId: town.id } })).toBe(0);

    const second = await createTeamMember(town.id, "MODERATOR");
    expect((await client.post(url, { intent: "role", userId: second.id, role: "ORGANISER" })).status).toBe(200);
    const demoted = await client.post(url, { intent: "role", userId: first.id, role: "MODERATOR" });
    expect(demoted.headers.get("location")).toBe("/organiser");
    // Now a moderator: the team page is no longer theirs.
    expect((await client.post(url, { intent: "remove", userId: second.id })).status).toBe(403);
    const secondClient = await clientFor(server, second.id);
    expect((await secondClient.post(url, { intent: "remove", userId: first.id })).status).toBe(200);

    expect(await db.membership.findMany({ where: { townId: town.id }, select: { userId: true, role: true } })).toEqual([
      { userId: second.id, role: "ORGANISER" },
    ]);
    expect(await audit(town.id)).toEqual([
      { action: "team.role_changed", subject: `${second.email} (MODERATOR → ORGANISER)`, actorId: first.id },
      { action: "team.role_changed", subject: `${first.email} (ORGANISER → MODERATOR)`, actorId: first.id },
      { action: "team.removed", subject: `${first.email} (MODERATOR)`, actorId: second.id },
    ]);
  });

  it("two organisers removing each other at once leave one", async () => {
    const town = await createTown();
    const a = await createOrganiser(town.id);
    const b = await createOrganiser(town.id);
    const url = `/organiser/towns/${town.id}/team`;
    const [ca, cb] = await Promise.all([clientFor(server, a.id), clientFor(server, b.id)]);
    const answers = await Promise.all([
      ca.post(url, { intent: "remove", userId: b.id }),
      cb.post(url, { intent: "remove", userId: a.id }),
    ]);
    // The second one waits for the first's lock, then finds itself removed (403) or the last (409).
    expect(answers.map((r) => r.status).filter((s) => s === 200)).toHaveLength(1);
    expect(await db.membership.count({ where: { townId: town.id, role: "ORGANISER" } })).toBe(1);
  });

  it("an administrator creates a town, logged; a taken identifier is refused with a message", async () => {
    const admin = await createAdmin();
    const client = await clientFor(server, admin.id);
    const slug = `chatou-${Date.now().toString(36)}`;
    const created = await client.post("/admin?index", {
      name: "Chatou",
      slug,
      address: "Place de la mairie",
      contactEmail: "mairie@chatou.test",
    });
    expect(created.status).toBe(302);
    const town = await db.town.findUniqueOrThrow({ where: { slug } });
    expect(created.headers.get("location")).toBe(`/admin/towns/${town.id}`);
    expect(await audit(town.id)).toEqual([{ action: "town.created", subject: "Chatou", actorId: admin.id }]);
    const again = await client.post("/admin?index", { name: "Chatou bis", slug });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("déjà pris");
    const badEmail = await client.post("/admin?index", { name: "Croissy", slug: `${slug}-2`, contactEmail: "non" });
    expect(badEmail.status).toBe(400);
    expect(await db.town.count({ where: { slug: { startsWith: slug } } })).toBe(1);
    expect(await (await client.get("/admin")).text()).toContain("Chatou");

    // Edited from its page: logged; another town's identifier refused, nothing changed.
    const url = `/admin/towns/${town.id}`;
    const edit = {
      intent: "town",
      name: "Chatou-sur-Seine",
      slug,
      address: "1 place",
      contactEmail: "",
      contactPhone: "01 30 00",
    };
    expect((await client.post(url, edit)).status).toBe(200);
    expect(
      await db.town.findUniqueOrThrow({ where: { id: town.id }, select: { name: true, contactPhone: true } }),
    ).toEqual({
      name: "Chatou-sur-Seine",
      contactPhone: "01 30 00",
    });
    const other = await createTown();
    const taken = await client.post(url, { ...edit, name: "Autre", slug: other.slug });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("déjà pris");
    expect((await db.town.findUniqueOrThrow({ where: { id: town.id } })).name).toBe("Chatou-sur-Seine");
    expect((await audit(town.id)).map((a) => a.action)).toEqual(["town.created", "town.updated"]);
  });
});

describe("moderators", () => {
  it("see their town's markets with the reports only; town B's organiser sees nothing of town A", async () => {
    const scene = await createMarketScene(server.clock.now());
    const draft = await createMarket(scene.town.id, { status: "DRAFT" });
    const moderator = await createTeamMember(scene.town.id, "MODERATOR");
    const client = await clientFor(server, moderator.id);
    const home = await (await client.get("/organiser")).text();
    expect(home).toContain(scene.market.name);
    expect(home).toContain(`/organiser/markets/${scene.market.id}/reports`);
    expect(home).not.toContain(`/organiser/markets/${scene.market.id}/sessions`);
    expect(home).not.toContain(`/organiser/towns/${scene.town.id}/team`);
    expect(home).not.toContain("/organiser/markets/new");
    const reports = await (await client.get(`/organiser/markets/${draft.id}/reports`)).text();
    expect(reports).not.toContain(`/organiser/markets/${draft.id}/payments`);

    const otherOrganiser = await createOrganiser((await createTown()).id);
    const theirs = await (await (await clientFor(server, otherOrganiser.id)).get("/organiser")).text();
    expect(theirs).not.toContain(scene.market.name);
    expect(theirs).not.toContain(draft.name);
  });

  it("moderate a stall's chat by socket (delete, mute) but not another town's", async () => {
    const scene = await createMarketScene(server.clock.now());
    const moderator = await createTeamMember(scene.town.id, "MODERATOR");
    const author = await createUser({ name: "Bavard" });
    const message = await db.chatMessage.create({
      data: { stallId: scene.stall.id, authorId: author.id, body: "Pub !" },
    });

    const socket = await sockets.as(moderator.id);
    const joined = ok(await ask<{ you: { canModerate: boolean } }>(socket, "stall:join", { stallId: scene.stall.id }));
    expect(joined.you.canModerate).toBe(true);
    ok(await ask(socket, "chat:mute", { messageId: message.id, minutes: 60 }));
    ok(await ask(socket, "chat:delete", { messageId: message.id }));
    expect(await db.chatMute.count({ where: { marketId: scene.market.id, userId: author.id } })).toBe(1);
    expect((await db.chatMessage.findUniqueOrThrow({ where: { id: message.id } })).deletedById).toBe(moderator.id);

    // Nobody on the town's team is muted by another member.
    const fromOrganiser = await db.chatMessage.create({
      data: { stallId: scene.stall.id, authorId: scene.organiser.id, body: "Bienvenue !" },
    });
    expect((await ask(socket, "chat:mute", { messageId: fromOrganiser.id, minutes: 60 })).ok).toBe(false);
    expect(await db.chatMute.count({ where: { marketId: scene.market.id, userId: scene.organiser.id } })).toBe(0);

    const other = await createMarketScene(server.clock.now());
    const foreign = await db.chatMessage.create({
      data: { stallId: other.stall.id, authorId: author.id, body: "Ailleurs" },
    });
    const refused = await ask(socket, "chat:delete", { messageId: foreign.id });
    expect(refused.ok).toBe(false);
    expect((await db.chatMessage.findUniqueOrThrow({ where: { id: foreign.id } })).deletedAt).toBeNull();
  });
});
