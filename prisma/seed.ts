// Demo market for `npm start` and the browser tests. Sessions are placed relative to the
// current time so the market is open when the demo starts and has sessions to come.
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import type { Db } from "../app/utils/db.server";
import { hashPassword } from "../app/utils/password.server";
import { DEMO_LAST_YEAR_MERCHANTS, DEMO_STALLS } from "./demo/catalogue";
import { demoPicture } from "./demo/images";
import { DEMO_LEGAL, DEMO_TOWN_DETAILS } from "./demo/legal";

export const DEMO_PASSWORD = "noel-a-rueil";
export const DEMO_ACCOUNTS = {
  organiser: { email: "organisation@demo.chalet.test", name: "Claire Fontaine" },
  merchant: { email: "marchand@demo.chalet.test", name: "Hélène Besson" },
  secondMerchant: { email: "chocolat@demo.chalet.test", name: "Nadia Ferrand" },
  resident: { email: "habitant@demo.chalet.test", name: "Lucas Martin" },
  pendingMerchant: { email: "crepes@demo.chalet.test", name: "Yann Le Gall" },
  moderator: { email: "moderation@demo.chalet.test", name: "Julie Moreno" },
  admin: { email: "admin@demo.chalet.test", name: "Marc Aubert" },
} as const;

/**
 * The one demo merchant whose stall is approved but who has not connected to Stripe yet: her
 * stall says it cannot take orders, and she can go through the sandbox's onboarding herself.
 */
export const DEMO_UNCONNECTED_MERCHANT = "bougies@demo.chalet.test";

const TZ = "Europe/Paris";

/**
 * Plan of the square: two rows of chalets around the big tree, in 0..100 plan units, numbered
 * as one walks them (the cells app/models/market-plan.ts gives approved stalls first, in order).
 */
function planPosition(index: number): { planX: number; planY: number; chaletNumber: number } {
  const top = index < 6;
  const column = top ? index : index - 6;
  return { planX: 10 + column * 16, planY: top ? 22 : 78, chaletNumber: index + 1 };
}

export async function seedDemo(db: Db, options: { now?: Date; sandboxAccounts?: boolean } = {}) {
  const now = DateTime.fromJSDate(options.now ?? new Date()).setZone(TZ);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Imported here: the storage module opens the database, which its callers choose first.
  const { createPostgresPhotoStorage } = await import("../app/utils/photo-storage.server");
  const storage = createPostgresPhotoStorage(db);

  async function picture(
    name: string,
    category: (typeof DEMO_STALLS)[number]["category"],
    caption: string,
    seed: number,
  ) {
    const svg = Buffer.from(demoPicture(category, caption, seed));
    // Named by content: a picture drawn differently by a later version gets a new address, so
    // browsers' year-long caches stay right.
    const key = `demo/${name}-${createHash("sha256").update(svg).digest("hex").slice(0, 12)}.svg`;
    await storage.put([{ key, contentType: "image/svg+xml", bytes: svg }]);
    const src = `/uploads/${key}`;
    return { src, thumbSrc: src, width: 800, height: 600 };
  }

  const user = (account: { email: string; name: string }) =>
    db.user.upsert({
      where: { email: account.email },
      update: {},
      create: { email: account.email, name: account.name, passwordHash },
    });

  const town = await db.town.create({
    data: { slug: "rueil-malmaison", name: "Rueil-Malmaison", ...DEMO_TOWN_DETAILS },
  });
  const organiser = await user(DEMO_ACCOUNTS.organiser);
  await user(DEMO_ACCOUNTS.resident);
  await db.membership.create({ data: { userId: organiser.id, townId: town.id, role: "ORGANISER" } });

  const market = await db.market.create({
    data: {
      townId: town.id,
      slug: "marche-de-noel-rueil",
      name: "Marché de Noël virtuel de Rueil-Malmaison",
      description:
        "Les chalets de la place de l’Église, en ligne : artisans, producteurs et associations de Rueil vous attendent pour préparer les fêtes. Commandez en ligne, retirez près de chez vous.",
      timezone: TZ,
      status: "PUBLISHED",
    },
  });

  // The session under way, then one a day after it: 10:00–19:00, late opening on Fridays. Day 0
  // counts: seeded just after midnight, the session under way ends before today's opening.
  const currentStart = now.startOf("hour").minus({ hours: 1 });
  const sessions = [{ startsAt: currentStart, endsAt: currentStart.plus({ hours: 10 }) }];
  for (let day = 0; day <= 21; day++) {
    const date = now.plus({ days: day }).startOf("day");
    const startsAt = date.set({ hour: 10 });
    const endsAt = date.set({ hour: date.weekday === 5 ? 21 : 19 });
    if (startsAt > sessions[0]!.endsAt) sessions.push({ startsAt, endsAt });
  }
  const yesterday = now.minus({ days: 1 }).startOf("day");
  sessions.push({ startsAt: yesterday.set({ hour: 10 }), endsAt: yesterday.set({ hour: 19 }) });
  await db.marketSession.createMany({
    data: sessions.map((s) => ({ marketId: market.id, startsAt: s.startsAt.toJSDate(), endsAt: s.endsAt.toJSDate() })),
  });

  // With the Stripe sandbox (no real key), the demo merchants have connected accounts already,
  // active, as if they had been through onboarding: all but one, who still has to connect. With
  // real Stripe keys, accounts are Stripe's to create: every merchant goes through onboarding.
  const { stripeMode } = await import("../app/utils/stripe.server");
  const sandboxAccounts = options.sandboxAccounts ?? stripeMode === "sandbox";
  const { insertSandboxAccount } = await import("../server/stripe-sandbox/accounts");
  async function connectedAccount(owner: { id: string; email: string }, businessName: string) {
    if (!sandboxAccounts || owner.email === DEMO_UNCONNECTED_MERCHANT) return;
    if (await db.payoutAccount.findUnique({ where: { userId: owner.id } })) return;
    const account = await insertSandboxAccount(db, {
      email: owner.email,
      metadata: { user_id: owner.id },
      businessName,
      state: "active",
      now: now.toJSDate(),
    });
    await db.payoutAccount.create({
      data: { userId: owner.id, stripeAccountId: account.id, status: "ACTIVE", syncedAt: now.toJSDate() },
    });
  }

  /** A catalogue stall, approved, in a market; last year's sold out (stock 0). */
  async function demoStall(marketId: string, stall: (typeof DEMO_STALLS)[number], index: number, lastYear = false) {
    const owner = await user(stall.owner);
    const cover = await picture(stall.slug, stall.category, "", index + 1);
    await db.stall.create({
      data: {
        marketId,
        ownerId: owner.id,
        slug: stall.slug,
        name: stall.name,
        category: stall.category,
        description: stall.description,
        pickupDetails: stall.pickupDetails,
        ...DEMO_LEGAL[stall.slug],
        status: "APPROVED",
        ...planPosition(index),
        photos: { create: [{ ...cover, alt: stall.name }] },
        products: {
          create: await Promise.all(
            stall.products.map(async (product, position) => ({
              ...product,
              ...(lastYear ? { stock: 0 } : {}),
              position,
              photos: {
                create: [
                  {
                    ...(await picture(
                      `${stall.slug}-${position + 1}`,
                      stall.category,
                      product.name.split(",")[0]!,
                      index * 7 + position,
                    )),
                    alt: product.name,
                  },
                ],
              },
            })),
          ),
        },
      },
    });
  }

  for (const [index, stall] of DEMO_STALLS.entries()) {
    await connectedAccount(await user(stall.owner), stall.name);
    await demoStall(market.id, stall, index);
  }

  // One pickup point used by every demo stall, open 17:00–19:00 on each day of the demo's sessions
  // (app/models/pickup.server.ts): the demo's checkout walks through choosing a slot.
  const mairie = await db.pickupPoint.create({
    data: {
      marketId: market.id,
      name: "Place de la mairie",
      address: "13 boulevard du Maréchal-Foch, 92500 Rueil-Malmaison",
      details: "Sous les arcades, à gauche de la fontaine : suivez les lanternes.",
    },
  });
  const demoStalls = await db.stall.findMany({
    where: { marketId: market.id, status: "APPROVED" },
    select: { id: true },
  });
  await db.stallPickupPoint.createMany({
    data: demoStalls.map((s) => ({ stallId: s.id, pickupPointId: mairie.id })),
  });
  const slotDays = [...new Set(sessions.map((s) => s.startsAt.startOf("day").toMillis()))];
  await db.pickupSlot.createMany({
    data: slotDays.map((day) => {
      const start = DateTime.fromMillis(day, { zone: TZ }).set({ hour: 17 });
      return {
        pickupPointId: mairie.id,
        startsAt: start.toJSDate(),
        endsAt: start.plus({ hours: 2 }).toJSDate(),
        capacity: 100,
      };
    }),
  });

  // A stall waiting for the organiser's approval.
  const pending = await user(DEMO_ACCOUNTS.pendingMerchant);
  await db.stall.create({
    data: {
      marketId: market.id,
      ownerId: pending.id,
      slug: "crepes-de-broceliande",
      name: "Crêpes de Brocéliande",
      category: "produits-de-fete",
      description: "Crêpes et galettes bretonnes, caramel au beurre salé.",
      pickupDetails: "Retrait au chalet n° 13.",
      ...DEMO_LEGAL["crepes-de-broceliande"],
      status: "PENDING",
      planX: 50,
      planY: 50,
      products: { create: [{ name: "Caramel au beurre salé", priceCents: 750, stock: 20 }] },
    },
  });

  // A market to come, with a countdown on the home page, and last year's market.
  const santons = await db.market.create({
    data: {
      townId: town.id,
      slug: "foire-aux-santons",
      name: "Foire aux santons et crèches",
      description: "Santonniers de Provence et d’Île-de-France, le temps d’un week-end.",
      timezone: TZ,
      status: "PUBLISHED",
    },
  });
  const santonsDay = now.plus({ days: 3 }).startOf("day");
  await db.marketSession.createMany({
    data: [0, 1].map((d) => ({
      marketId: santons.id,
      startsAt: santonsDay.plus({ days: d }).set({ hour: 10 }).toJSDate(),
      endsAt: santonsDay.plus({ days: d }).set({ hour: 18 }).toJSDate(),
    })),
  });
  const lastYear = await db.market.create({
    data: {
      townId: town.id,
      slug: "marche-de-noel-rueil-2025",
      name: "Marché de Noël 2025",
      description: "L’édition de l’an dernier.",
      timezone: TZ,
      status: "PUBLISHED",
    },
  });
  const lastYearDay = now.minus({ years: 1 }).startOf("day");
  await db.marketSession.create({
    data: {
      marketId: lastYear.id,
      startsAt: lastYearDay.set({ hour: 10 }).toJSDate(),
      endsAt: lastYearDay.set({ hour: 19 }).toJSDate(),
    },
  });
  const lastYearStalls = DEMO_STALLS.filter((stall) =>
    (DEMO_LAST_YEAR_MERCHANTS as readonly string[]).includes(stall.owner.email),
  );
  for (const [index, stall] of lastYearStalls.entries()) await demoStall(lastYear.id, stall, index, true);

  // The platform's administrator (/admin) and a moderator of the town's chat reports.
  await db.user.update({ where: { id: (await user(DEMO_ACCOUNTS.admin)).id }, data: { isAdmin: true } });
  const moderator = await user(DEMO_ACCOUNTS.moderator);
  await db.membership.create({ data: { userId: moderator.id, townId: town.id, role: "MODERATOR" } });

  return { townId: town.id, marketId: market.id, marketSlug: market.slug };
}

async function main() {
  const { ensureDatabase } = await import("../server/database");
  const database = await ensureDatabase();
  const { db, endDatabasePool } = await import("../app/utils/db.server");
  try {
    await seedDemo(db);
  } finally {
    await endDatabasePool();
    await database.stop();
  }
  console.log("Demo market seeded.");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
