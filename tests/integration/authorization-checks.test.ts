// The ownership checks themselves (app/models/authorization.server.ts), every role against every
// check, on real rows. authorization-matrix.test.ts proves the HTTP guards built on them; this
// file proves the answers the guards, chat moderation and the socket handlers share.
import { beforeAll, describe, expect, it } from "vitest";
import {
  canModerateStall,
  isMarketOrganiser,
  isTownOrganiser,
  marketOrganiserAccess,
  ownsStall,
  sellsInMarket,
  stallOwnerAccess,
} from "~/models/authorization.server";
import { db } from "~/utils/db.server";
import * as make from "../fixtures/factories";

const ROLES = [
  "resident",
  "owner",
  "otherMerchant",
  "applicant",
  "organiser",
  "townMemberNotOrganiser",
  "otherTownOrganiser",
] as const;
type Role = (typeof ROLES)[number];

let scene: Awaited<ReturnType<typeof make.createMarketScene>>;
/** Another market of the same town: its organisers organise it too, its merchants are not ours. */
let sibling: { id: string };
const users = {} as Record<Role, string>;

beforeAll(async () => {
  scene = await make.createMarketScene(new Date("2026-12-12T15:00:00Z"));
  sibling = await make.createMarket(scene.town.id);
  users.resident = (await make.createUser()).id;
  users.owner = scene.merchant.id;
  users.otherMerchant = (await make.createUser()).id;
  await make.createStall(scene.market.id, users.otherMerchant);
  // A stall still waiting for approval makes no merchant.
  users.applicant = (await make.createUser()).id;
  await make.createStall(scene.market.id, users.applicant, { status: "PENDING" });
  users.organiser = scene.organiser.id;
  // A membership grants only what its role says.
  users.townMemberNotOrganiser = (await make.createUser()).id;
  await db.membership.create({ data: { userId: users.townMemberNotOrganiser, townId: scene.town.id, role: "MEMBER" } });
  users.otherTownOrganiser = (await make.createOrganiser((await make.createTown()).id)).id;
});

const ORGANISERS: Role[] = ["organiser"];
const MODERATORS: Role[] = ["owner", "organiser"];
const MERCHANTS: Role[] = ["owner", "otherMerchant"];

describe.each(ROLES)("as %s", (role) => {
  const organises = ORGANISERS.includes(role);

  it("organises the market and its town, and every market of that town, only as its organiser", async () => {
    const id = users[role];
    expect(await marketOrganiserAccess(id, scene.market.id)).toBe(organises ? "allowed" : "forbidden");
    expect(await isMarketOrganiser(id, scene.market.id)).toBe(organises);
    expect(await isMarketOrganiser(id, sibling.id)).toBe(organises);
    expect(await isTownOrganiser(id, scene.town.id)).toBe(organises);
  });

  it("owns the stall only as its owner", async () => {
    const id = users[role];
    expect(await stallOwnerAccess(id, scene.stall.id)).toBe(role === "owner" ? "allowed" : "forbidden");
    expect(ownsStall(id, scene.stall)).toBe(role === "owner");
  });

  it("moderates the stall's room as its merchant or an organiser of its market", async () => {
    expect(await canModerateStall(users[role], scene.stall)).toBe(MODERATORS.includes(role));
  });

  it("sells in the market only with an approved stall there", async () => {
    expect(await sellsInMarket(users[role], scene.market.id)).toBe(MERCHANTS.includes(role));
    expect(await sellsInMarket(users[role], sibling.id)).toBe(false);
  });
});

describe("what does not exist", () => {
  it("is notFound, not forbidden, so the guards answer 404", async () => {
    expect(await marketOrganiserAccess(scene.organiser.id, "no-such-market")).toBe("notFound");
    expect(await stallOwnerAccess(scene.merchant.id, "no-such-stall")).toBe("notFound");
    expect(await isMarketOrganiser(scene.organiser.id, "no-such-market")).toBe(false);
  });
});
