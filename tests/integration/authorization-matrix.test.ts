// Every role against every protected action, in one table. Each cell runs on a fresh scene and
// checks both the answer and the database: an allowed action changed what it should, a refused
// one changed nothing. Two towns: the scene's town A (its organiser, its moderator) and a town B
// whose organiser must reach nothing of A; the platform administrator manages towns and teams
// but is not an organiser of A by that alone.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import {
  createAdmin,
  createMarket,
  createMarketScene,
  createOrganiser,
  createSession,
  createStall,
  createTeamMember,
  createTown,
  createUser,
} from "../fixtures/factories";
import { clientFor, startTestServer, type TestServer } from "../setup/server";

let server: TestServer;
/** A real picture, so an allowed upload goes all the way through sharp. */
let png: File;
beforeAll(async () => {
  server = await startTestServer({ now: new Date("2026-12-05T12:00:00Z") });
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#b3261e" } })
    .png()
    .toBuffer();
  png = new File([new Uint8Array(bytes)], "photo.png", { type: "image/png" });
});
afterAll(() => server.close());

type Scene = Awaited<ReturnType<typeof createMarketScene>> & {
  pending: { id: string };
  photo: { id: string };
  /** A second market of the same town, closed now: what "open now" needs. */
  closedMarket: { id: string };
  /** A chat message of the stall's room with an open report. */
  reported: { id: number };
  /** A moderator of town A whose role and membership the team actions change. */
  helper: { id: string };
  /** A draft market of town A, with a session: what "delete a draft" needs. */
  draftMarket: { id: string };
};

const ROLES = [
  "anonymous",
  "resident",
  "owner",
  "otherMerchant",
  "organiser",
  "moderator",
  "otherTownOrganiser",
  "admin",
] as const;
type Role = (typeof ROLES)[number];

async function newScene(): Promise<Scene> {
  const scene = await createMarketScene(server.clock.now());
  const applicant = await createUser({ name: "Applicant" });
  const pending = await createStall(scene.market.id, applicant.id, { status: "PENDING" });
  const photo = await db.photo.create({
    data: {
      stallId: scene.stall.id,
      src: `/uploads/matrix-${scene.stall.id}.webp`,
      thumbSrc: `/uploads/matrix-${scene.stall.id}-thumb.webp`,
      width: 64,
      height: 48,
      alt: "Avant",
    },
  });
  const closedMarket = await createMarket(scene.town.id);
  const author = await createUser({ name: "Author" });
  const reported = await db.chatMessage.create({
    data: { stallId: scene.stall.id, authorId: author.id, body: "Message signalé", clientKey: `k-${scene.stall.id}` },
  });
  await db.chatReport.create({ data: { messageId: reported.id, reporterId: scene.merchant.id, reason: "spam" } });
  const helper = await createTeamMember(scene.town.id, "MODERATOR");
  const draftMarket = await createMarket(scene.town.id, { status: "DRAFT" });
  await createSession(draftMarket.id, new Date("2026-12-19T09:00:00Z"), new Date("2026-12-19T18:00:00Z"));
  return { ...scene, pending, photo, closedMarket, reported, helper, draftMarket };
}

async function userFor(role: Role, scene: Scene): Promise<string | null> {
  switch (role) {
    case "anonymous":
      return null;
    case "resident":
      return (await createUser()).id;
    case "owner":
      return scene.merchant.id;
    case "otherMerchant": {
      // A merchant of the very same market: owning a stall there grants nothing over others.
      const other = await createUser();
      await createStall(scene.market.id, other.id);
      return other.id;
    }
    case "organiser":
      return scene.organiser.id;
    case "moderator":
      return (await createTeamMember(scene.town.id, "MODERATOR")).id;
    case "otherTownOrganiser":
      return (await createOrganiser((await createTown()).id)).id;
    case "admin":
      return (await createAdmin()).id;
  }
}

type Action = {
  name: string;
  allowed: Role[];
  request: (s: Scene) => [string, Record<string, string | number | Blob>];
  /** Reads what the action changes; compared before and after. */
  effect: (s: Scene) => Promise<unknown>;
  /** The refusal's status for a logged-in role: 403, or 404 where the page is not advertised. */
  refused?: number;
};

const stallUrl = (s: Scene) => `/merchant/stalls/${s.stall.id}`;
const marketUrl = (s: Scene) => `/organiser/markets/${s.market.id}`;
const product = (s: Scene) => db.product.findUniqueOrThrow({ where: { id: s.product.id } });
const teamUrl = (s: Scene) => `/organiser/towns/${s.town.id}/team`;
const adminTownUrl = (s: Scene) => `/admin/towns/${s.town.id}`;
const openReports = (s: Scene) => db.chatReport.count({ where: { messageId: s.reported.id, resolvedAt: null } });
const helperRole = (s: Scene) =>
  db.membership.findUnique({
    where: { userId_townId: { userId: s.helper.id, townId: s.town.id } },
    select: { role: true },
  });
const TEAM = ["organiser", "admin"] satisfies Role[];

const ACTIONS: Action[] = [
  {
    name: "edit a stall",
    allowed: ["owner"],
    request: (s) => [
      `${stallUrl(s)}?index`,
      {
        name: "Nouveau nom",
        category: "chocolatier",
        description: "",
        pickupDetails: "",
        // An approved stall keeps a complete legal identity (app/models/stall-legal.ts).
        legalName: "Chocolaterie SAS",
        siret: "82026480200019",
        legalAddress: "3 avenue du Bois-Préau, 92500 Rueil-Malmaison",
      },
    ],
    effect: (s) => db.stall.findUniqueOrThrow({ where: { id: s.stall.id }, select: { name: true, category: true } }),
  },
  {
    name: "add a product",
    allowed: ["owner"],
    request: (s) => [`${stallUrl(s)}/products/new`, { name: "Nougat", description: "", price: "4,20", stock: "3" }],
    effect: (s) => db.product.count({ where: { stallId: s.stall.id } }),
  },
  {
    name: "edit a product",
    allowed: ["owner"],
    request: (s) => [
      `${stallUrl(s)}/products/${s.product.id}`,
      { intent: "save", name: "Renamed", description: "", price: "9,99", stock: String(s.product.stock) },
    ],
    effect: async (s) => (await product(s)).priceCents,
  },
  {
    name: "hide a product",
    allowed: ["owner"],
    request: (s) => [
      `${stallUrl(s)}/products?index`,
      { intent: "visibility", productId: s.product.id, active: "false" },
    ],
    effect: async (s) => (await product(s)).active,
  },
  {
    name: "hide a product from its page",
    allowed: ["owner"],
    request: (s) => [
      `${stallUrl(s)}/products/${s.product.id}`,
      { intent: "visibility", productId: s.product.id, active: "false" },
    ],
    effect: async (s) => (await product(s)).active,
  },
  {
    name: "upload a stall photo",
    allowed: ["owner"],
    request: (s) => [`${stallUrl(s)}/photos`, { intent: "upload", alt: "Le chalet", photos: png }],
    effect: (s) => db.photo.count({ where: { stallId: s.stall.id } }),
  },
  {
    name: "describe a stall photo",
    allowed: ["owner"],
    request: (s) => [`${stallUrl(s)}/photos`, { intent: "alt", photoId: s.photo.id, alt: "Après" }],
    effect: async (s) => (await db.photo.findUniqueOrThrow({ where: { id: s.photo.id } })).alt,
  },
  {
    name: "delete a stall photo",
    allowed: ["owner"],
    request: (s) => [`${stallUrl(s)}/photos`, { intent: "delete", photoId: s.photo.id }],
    effect: (s) => db.photo.count({ where: { id: s.photo.id } }),
  },
  {
    name: "change stock",
    allowed: ["owner"],
    request: (s) => [`${stallUrl(s)}/stock`, { intent: "adjust", productId: s.product.id, delta: -1 }],
    effect: async (s) => (await product(s)).stock,
  },
  {
    name: "edit a market",
    allowed: ["organiser"],
    request: (s) => [
      `${marketUrl(s)}?index`,
      { name: "Marché renommé", slug: s.market.slug, description: "", timezone: "Europe/Paris", status: "PUBLISHED" },
    ],
    effect: (s) => db.market.findUniqueOrThrow({ where: { id: s.market.id }, select: { name: true } }),
  },
  {
    name: "add a session",
    allowed: ["organiser"],
    request: (s) => [
      `${marketUrl(s)}/sessions`,
      { intent: "single", date: "2026-12-12", startTime: "10:00", endTime: "19:00" },
    ],
    effect: (s) => db.marketSession.count({ where: { marketId: s.market.id } }),
  },
  {
    name: "cancel a session",
    allowed: ["organiser"],
    request: (s) => [`${marketUrl(s)}/sessions`, { intent: "cancel", sessionId: "__session__" }],
    effect: (s) => db.marketSession.count({ where: { marketId: s.market.id, cancelledAt: { not: null } } }),
  },
  {
    name: "close a market now",
    allowed: ["organiser"],
    request: (s) => [`${marketUrl(s)}/live`, { intent: "close", reason: "Tempête de neige" }],
    effect: (s) => db.marketOverride.count({ where: { marketId: s.market.id } }),
  },
  {
    name: "extend a market's opening",
    allowed: ["organiser"],
    request: (s) => [`${marketUrl(s)}/live`, { intent: "extend", minutes: 30 }],
    effect: (s) => db.marketOverride.count({ where: { marketId: s.market.id } }),
  },
  {
    name: "open a market now",
    allowed: ["organiser"],
    request: (s) => [`/organiser/markets/${s.closedMarket.id}/live`, { intent: "open", minutes: 60 }],
    effect: (s) => db.marketOverride.count({ where: { marketId: s.closedMarket.id } }),
  },
  {
    name: "delete a draft market",
    allowed: ["organiser"],
    request: (s) => [`/organiser/markets/${s.draftMarket.id}/delete`, {}],
    effect: (s) => db.market.count({ where: { id: s.draftMarket.id } }),
  },
  {
    name: "approve a stall",
    allowed: ["organiser"],
    request: (s) => [`${marketUrl(s)}/stalls`, { stallId: s.pending.id, decision: "APPROVED" }],
    effect: (s) => db.stall.findUniqueOrThrow({ where: { id: s.pending.id }, select: { status: true } }),
  },
  {
    name: "invite a merchant",
    allowed: ["organiser"],
    request: (s) => [`${marketUrl(s)}/invitations`, { emails: "nouveau@example.test" }],
    effect: (s) => db.invitation.count({ where: { marketId: s.market.id } }),
  },
  {
    name: "dismiss a chat report",
    allowed: ["organiser", "moderator"],
    request: (s) => [`${marketUrl(s)}/reports`, { intent: "dismiss", messageId: s.reported.id }],
    effect: openReports,
  },
  {
    name: "mute a reported author",
    allowed: ["organiser", "moderator"],
    request: (s) => [`${marketUrl(s)}/reports`, { intent: "mute", messageId: s.reported.id, minutes: 60 }],
    effect: (s) => db.chatMute.count({ where: { marketId: s.market.id } }),
  },
  {
    name: "create a town (/admin)",
    allowed: ["admin"],
    refused: 404,
    request: (s) => ["/admin?index", { name: "Chatou", slug: `chatou-${s.town.id}`, address: "", contactEmail: "" }],
    effect: (s) => db.town.count({ where: { slug: `chatou-${s.town.id}` } }),
  },
  {
    name: "edit a town (/admin)",
    allowed: ["admin"],
    refused: 404,
    request: (s) => [adminTownUrl(s), { intent: "town", name: "Ville renommée", slug: s.town.slug }],
    effect: (s) => db.town.findUniqueOrThrow({ where: { id: s.town.id }, select: { name: true } }),
  },
  {
    name: "invite to a town's team (/admin)",
    allowed: ["admin"],
    refused: 404,
    request: (s) => [adminTownUrl(s), { intent: "invite", email: "equipe@example.test", role: "ORGANISER" }],
    effect: (s) => db.teamInvitation.count({ where: { townId: s.town.id } }),
  },
  {
    name: "invite to the team (Équipe)",
    allowed: TEAM,
    request: (s) => [teamUrl(s), { intent: "invite", email: "equipe@example.test", role: "MODERATOR" }],
    effect: (s) => db.teamInvitation.count({ where: { townId: s.town.id } }),
  },
  {
    name: "change a team member's role (Équipe)",
    allowed: TEAM,
    request: (s) => [teamUrl(s), { intent: "role", userId: s.helper.id, role: "ORGANISER" }],
    effect: helperRole,
  },
  {
    name: "remove a team member (Équipe)",
    allowed: TEAM,
    request: (s) => [teamUrl(s), { intent: "remove", userId: s.helper.id }],
    effect: helperRole,
  },
];

/** Pages read (GET): who gets them, who is refused (403, or 404 where noted), anonymous sent to log in. */
const PAGES: { name: string; allowed: Role[]; refused?: number; url: (s: Scene) => string }[] = [
  { name: "/admin", allowed: ["admin"], refused: 404, url: () => "/admin" },
  { name: "a town in /admin", allowed: ["admin"], refused: 404, url: adminTownUrl },
  { name: "the Équipe page", allowed: TEAM, url: teamUrl },
  // Town B's organiser has a console of their own (what it shows of A: tests/integration/team.test.ts).
  { name: "the organiser console", allowed: ["organiser", "moderator", "otherTownOrganiser"], url: () => "/organiser" },
  { name: "a market's reports", allowed: ["organiser", "moderator"], url: (s) => `${marketUrl(s)}/reports` },
  { name: "a market's settings", allowed: ["organiser"], url: marketUrl },
  { name: "a market's live console", allowed: ["organiser"], url: (s) => `${marketUrl(s)}/live` },
  {
    name: "a draft's deletion page",
    allowed: ["organiser"],
    url: (s) => `/organiser/markets/${s.draftMarket.id}/delete`,
  },
  { name: "a market's sessions", allowed: ["organiser"], url: (s) => `${marketUrl(s)}/sessions` },
  { name: "a market's stalls", allowed: ["organiser"], url: (s) => `${marketUrl(s)}/stalls` },
  { name: "a market's invitations", allowed: ["organiser"], url: (s) => `${marketUrl(s)}/invitations` },
  { name: "a market's orders", allowed: ["organiser"], url: (s) => `${marketUrl(s)}/orders` },
  { name: "a market's payments", allowed: ["organiser"], url: (s) => `${marketUrl(s)}/payments` },
  { name: "a market's orders CSV", allowed: ["organiser"], refused: 404, url: (s) => `${marketUrl(s)}/orders.csv` },
  { name: "a market's report (Bilan)", allowed: ["organiser"], url: (s) => `${marketUrl(s)}/bilan` },
  { name: "a stall's report (Bilan)", allowed: ["owner"], url: (s) => `${stallUrl(s)}/bilan` },
  {
    name: "a market's report CSV",
    allowed: ["organiser"],
    refused: 404,
    url: (s) => `${marketUrl(s)}/bilan.csv?table=days`,
  },
  { name: "a stall's report CSV", allowed: ["owner"], url: (s) => `${stallUrl(s)}/bilan.csv?table=stalls` },
];

describe("authorisation matrix: pages", () => {
  for (const page of PAGES) {
    describe(page.name, () => {
      for (const role of ROLES) {
        const allowed = page.allowed.includes(role);
        const refused = page.refused ?? 403;
        it(`${role}: ${allowed ? "200" : role === "anonymous" ? "sent to log in" : refused}`, async () => {
          const scene = await newScene();
          const client = await clientFor(server, await userFor(role, scene));
          const response = await client.get(page.url(scene));
          await response.body?.cancel();
          if (allowed) expect(response.status, `${page.name} as ${role}`).toBe(200);
          else if (role === "anonymous") {
            expect(response.status).toBe(302);
            expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
          } else expect(response.status, `${page.name} as ${role}`).toBe(refused);
        });
      }
    });
  }
});

describe("authorisation matrix", () => {
  for (const action of ACTIONS) {
    describe(action.name, () => {
      for (const role of ROLES) {
        const allowed = action.allowed.includes(role);
        const refusal = String(action.refused ?? 403);
        it(`${role}: ${allowed ? "allowed" : role === "anonymous" ? "sent to log in" : refusal}`, async () => {
          const scene = await newScene();
          const session = await db.marketSession.findFirstOrThrow({ where: { marketId: scene.market.id } });
          const client = await clientFor(server, await userFor(role, scene));
          const [url, fields] = action.request(scene);
          const body = Object.fromEntries(
            Object.entries(fields).map(([k, v]) => [k, v === "__session__" ? session.id : v]),
          );

          const before = await action.effect(scene);
          const response = await client.post(url, body);
          const after = await action.effect(scene);

          if (allowed) {
            expect(response.status, `${url} as ${role}`).toBeLessThan(400);
            expect(after, "the allowed action changed the database").not.toEqual(before);
          } else {
            if (role === "anonymous") {
              expect(response.status).toBe(302);
              expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
            } else {
              expect(response.status, `${url} as ${role}`).toBe(action.refused ?? 403);
            }
            expect(after, "the refused action changed nothing").toEqual(before);
          }
        });
      }
    });
  }
});
