// Every role against every protected action, in one table. Each cell runs on a fresh scene and
// checks both the answer and the database: an allowed action changed what it should, a refused
// one changed nothing.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import {
  createMarket,
  createMarketScene,
  createOrganiser,
  createStall,
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
};

const ROLES = ["anonymous", "resident", "owner", "otherMerchant", "organiser", "otherTownOrganiser"] as const;
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
  return { ...scene, pending, photo, closedMarket };
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
    case "otherTownOrganiser":
      return (await createOrganiser((await createTown()).id)).id;
  }
}

type Action = {
  name: string;
  allowed: Role[];
  request: (s: Scene) => [string, Record<string, string | number | Blob>];
  /** Reads what the action changes; compared before and after. */
  effect: (s: Scene) => Promise<unknown>;
};

const stallUrl = (s: Scene) => `/merchant/stalls/${s.stall.id}`;
const marketUrl = (s: Scene) => `/organiser/markets/${s.market.id}`;
const product = (s: Scene) => db.product.findUniqueOrThrow({ where: { id: s.product.id } });

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
];

describe("authorisation matrix", () => {
  for (const action of ACTIONS) {
    describe(action.name, () => {
      for (const role of ROLES) {
        const allowed = action.allowed.includes(role);
        it(`${role}: ${allowed ? "allowed" : role === "anonymous" ? "sent to log in" : "403"}`, async () => {
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
              expect(response.status, `${url} as ${role}`).toBe(403);
            }
            expect(after, "the refused action changed nothing").toEqual(before);
          }
        });
      }
    });
  }
});
