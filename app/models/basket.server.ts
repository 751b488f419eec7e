// The basket: one per resident (userId) or per anonymous visitor (the SHA-256 of the random token
// in their `chalet_basket` cookie; the token itself is never stored). It may hold several markets'
// products; checkout takes one market at a time. Quantities are capped by the stock at the time
// of the change (and QUANTITY_MAX / LINES_MAX), but stock moves on: the basket is read back with
// live product rows, and the page warns when an item ran out or has less than asked. Only the
// reservation at checkout holds stock.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { Prisma } from "~/generated/prisma/client";
import { db, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { marketOpenness, type MarketOpenness } from "./market-status";
import { scheduleSelect } from "./market-schedule.server";
import { LINES_MAX, QUANTITY_MAX } from "./order-status";
import { PAYABLE_STATUS } from "./payout-account.server";

export type BasketOwner = { userId: string } | { tokenHash: string };

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** Not signed: the token is 256 random bits and grants nothing but this basket. */
export const basketCookie = createCookie("chalet_basket", {
  httpOnly: true,
  sameSite: "lax",
  secure: env.NODE_ENV === "production",
  path: "/",
  maxAge: 60 * 60 * 24 * 60,
});

export function hashBasketToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await basketCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && TOKEN_RE.test(value) ? value : null;
}

/** Who owns the basket of this request, or null for an anonymous visitor without a basket yet. */
export async function basketOwner(request: Request, userId: string | null): Promise<BasketOwner | null> {
  if (userId) return { userId };
  const token = await readToken(request);
  return token ? { tokenHash: hashBasketToken(token) } : null;
}

/**
 * The owner to write to: an anonymous visitor without a cookie gets a new token, and the
 * Set-Cookie header to send with the answer.
 */
export async function basketOwnerForWrite(
  request: Request,
  userId: string | null,
): Promise<{ owner: BasketOwner; setCookie: string | null }> {
  const owner = await basketOwner(request, userId);
  if (owner) return { owner, setCookie: null };
  const token = randomBytes(32).toString("base64url");
  return { owner: { tokenHash: hashBasketToken(token) }, setCookie: await basketCookie.serialize(token) };
}

function ownerWhere(owner: BasketOwner) {
  return "userId" in owner ? { userId: owner.userId } : { tokenHash: owner.tokenHash };
}

/**
 * The owner's basket, locked for the rest of the transaction: two changes to one basket at once
 * (a double tap, two tabs) apply one after the other, each reading what the other wrote. Made
 * when `create` and missing; of two made at once, the unique owner keeps one.
 */
async function basketIdIn(tx: Tx, owner: BasketOwner, create: boolean): Promise<string | null> {
  const byOwner =
    "userId" in owner ? Prisma.sql`"userId" = ${owner.userId}` : Prisma.sql`"tokenHash" = ${owner.tokenHash}`;
  const lock = () => tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Basket" WHERE ${byOwner} FOR UPDATE`;
  const [found] = await lock();
  if (found || !create) return found?.id ?? null;
  const now = new Date();
  const userId = "userId" in owner ? owner.userId : null;
  const tokenHash = "tokenHash" in owner ? owner.tokenHash : null;
  await tx.$executeRaw`
    INSERT INTO "Basket" ("id", "userId", "tokenHash", "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${userId}, ${tokenHash}, ${now}, ${now})
    ON CONFLICT DO NOTHING`;
  const [made] = await lock();
  return made!.id;
}

// ---------------------------------------------------------------------------------------------
// Changes

export type BasketRefusal =
  | { ok: false; reason: "invalid"; message: string }
  /** Unknown, hidden, or not on sale (stall not approved, market not published). */
  | { ok: false; reason: "unavailable" }
  | { ok: false; reason: "soldOut" }
  /** The stall's merchant cannot be paid yet (their Stripe account is not active). */
  | { ok: false; reason: "cannotTakeOrders"; stallName: string }
  /** Adding, or raising a quantity, needs the market open; lowering and removing never do. */
  | { ok: false; reason: "marketClosed"; status: MarketOpenness; timezone: string }
  | { ok: false; reason: "tooManyLines"; max: number };

export type BasketChange =
  | {
      ok: true;
      productId: string;
      name: string;
      /** What the basket now holds of this product (0: removed). */
      quantity: number;
      /** The quantity asked was lowered to the stock or to QUANTITY_MAX. */
      capped: boolean;
      stock: number;
    }
  | BasketRefusal;

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function checkInput(productId: unknown, quantity: unknown, min: number): BasketRefusal | null {
  if (typeof productId !== "string" || !ID_RE.test(productId)) {
    return { ok: false, reason: "invalid", message: "bad product id" };
  }
  if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < min || quantity > QUANTITY_MAX) {
    return { ok: false, reason: "invalid", message: `quantity must be an integer from ${min} to ${QUANTITY_MAX}` };
  }
  return null;
}

async function productOnSale(tx: Tx, productId: string) {
  const product = await tx.product.findUnique({
    where: { id: productId },
    select: {
      id: true,
      name: true,
      stock: true,
      active: true,
      stall: {
        select: {
          name: true,
          status: true,
          owner: { select: { payoutAccount: { select: { status: true } } } },
          market: { select: { id: true, status: true, timezone: true, ...scheduleSelect } },
        },
      },
    },
  });
  if (
    !product ||
    !product.active ||
    product.stall.status !== "APPROVED" ||
    product.stall.market.status !== "PUBLISHED"
  ) {
    return null;
  }
  return product;
}

/**
 * Adds `quantity` of a product (or sets it, with `mode: "set"`; 0 removes it). The result is
 * capped by the product's stock now and by QUANTITY_MAX; adding or raising a quantity needs the
 * market open ("set" is no way round that), and every change but a removal needs the product in
 * stock. Read and write in one transaction, so two taps never lose one.
 */
export async function changeBasketItem(input: {
  owner: BasketOwner;
  productId: string;
  quantity: number;
  mode: "add" | "set";
  now: Date;
}): Promise<BasketChange> {
  const { owner, productId, quantity, mode, now } = input;
  const bad = checkInput(productId, quantity, mode === "add" ? 1 : 0);
  if (bad) return bad;
  if (mode === "set" && quantity === 0) return removeBasketItem(owner, productId);
  return db.$transaction(async (tx): Promise<BasketChange> => {
    const product = await productOnSale(tx, productId);
    if (!product) return { ok: false, reason: "unavailable" };
    const payable = product.stall.owner.payoutAccount?.status === PAYABLE_STATUS;
    const basketId = await basketIdIn(tx, owner, false);
    const existing = basketId
      ? await tx.basketItem.findUnique({
          where: { basketId_productId: { basketId, productId } },
          select: { quantity: true },
        })
      : null;
    const had = existing?.quantity ?? 0;
    const wanted = mode === "add" ? had + quantity : quantity;
    if (wanted > had) {
      // Lowering a line stays possible; adding to a stall that cannot be paid does not.
      if (!payable) return { ok: false, reason: "cannotTakeOrders", stallName: product.stall.name };
      const market = product.stall.market;
      const status = marketOpenness(market.status, market.sessions, now, market.overrides);
      if (!status.open) return { ok: false, reason: "marketClosed", status, timezone: market.timezone };
    }
    if (product.stock <= 0) return { ok: false, reason: "soldOut" };
    const capped = Math.min(wanted, product.stock, QUANTITY_MAX);
    const id = basketId ?? (await basketIdIn(tx, owner, true))!;
    if (!existing) {
      const lines = await tx.basketItem.count({ where: { basketId: id } });
      if (lines >= LINES_MAX) return { ok: false, reason: "tooManyLines", max: LINES_MAX };
    }
    await tx.basketItem.upsert({
      where: { basketId_productId: { basketId: id, productId } },
      create: { basketId: id, productId, quantity: capped, addedAt: now },
      update: { quantity: capped },
    });
    await tx.basket.update({ where: { id }, data: { updatedAt: now } });
    return {
      ok: true,
      productId,
      name: product.name,
      quantity: capped,
      capped: capped < wanted,
      stock: product.stock,
    };
  });
}

/** Takes a product out of the basket; the answer names it, for the page to say so. */
export async function removeBasketItem(owner: BasketOwner | null, productId: string): Promise<BasketChange> {
  if (typeof productId !== "string" || !ID_RE.test(productId)) {
    return { ok: false, reason: "invalid", message: "bad product id" };
  }
  const [product] = await Promise.all([
    db.product.findUnique({ where: { id: productId }, select: { name: true } }),
    owner ? db.basketItem.deleteMany({ where: { productId, basket: ownerWhere(owner) } }) : null,
  ]);
  return { ok: true, productId, name: product?.name ?? productId, quantity: 0, capped: false, stock: 0 };
}

export type ClaimedLine = { productId: string; quantity: number; addedAt: Date };

/**
 * Takes one market's lines out of the user's basket, for checkout to reserve: deleted and
 * returned by one statement, so of two "Payer" sent at once (a double tap, two tabs) only one gets
 * the lines and reserves them; the other finds nothing. Checkout puts them back if it fails.
 */
export async function claimBasketLines(userId: string, marketId: string): Promise<ClaimedLine[]> {
  // One DELETE … RETURNING: of two at once, the second waits for the first's row locks and then
  // finds the rows gone, so it returns nothing (a read then a delete would hand both the lines).
  const lines = await db.$queryRaw<ClaimedLine[]>`
    DELETE FROM "BasketItem" bi
     USING "Basket" b, "Product" p, "Stall" s
     WHERE b."userId" = ${userId} AND bi."basketId" = b."id"
       AND p."id" = bi."productId" AND s."id" = p."stallId" AND s."marketId" = ${marketId}
    RETURNING bi."productId", bi."quantity", bi."addedAt"`;
  return lines.sort((x, y) => x.addedAt.getTime() - y.addedAt.getTime() || (x.productId < y.productId ? -1 : 1));
}

/**
 * Puts lines back into the user's basket (a cancelled order, a checkout that failed): added to
 * what is there, capped by QUANTITY_MAX and LINES_MAX, not by stock (the page warns when stock is
 * short). A line keeps its `addedAt` when it has one, so the basket's order does not change.
 */
export async function restoreBasketLines(
  userId: string,
  lines: { productId: string; quantity: number; addedAt?: Date }[],
  now: Date,
): Promise<void> {
  if (lines.length === 0) return;
  await db.$transaction(async (tx) => {
    const basketId = (await basketIdIn(tx, { userId }, true))!;
    await addLinesIn(tx, basketId, lines, now, () => Infinity);
  });
}

async function addLinesIn(
  tx: Tx,
  basketId: string,
  lines: { productId: string; quantity: number; addedAt?: Date }[],
  now: Date,
  capFor: (productId: string) => number,
) {
  const existing = await tx.basketItem.findMany({ where: { basketId }, select: { productId: true, quantity: true } });
  const have = new Map(existing.map((i) => [i.productId, i.quantity]));
  let count = have.size;
  for (const line of lines) {
    const before = have.get(line.productId);
    if (before === undefined && count >= LINES_MAX) continue;
    const sum = (before ?? 0) + line.quantity;
    // A sold-out product keeps one unit rather than vanishing silently: the page says it is sold out.
    const quantity = Math.max(1, Math.min(sum, QUANTITY_MAX, Math.max(capFor(line.productId), before ?? 0)));
    await tx.basketItem.upsert({
      where: { basketId_productId: { basketId, productId: line.productId } },
      create: { basketId, productId: line.productId, quantity, addedAt: line.addedAt ?? now },
      update: { quantity },
    });
    if (before === undefined) count++;
    have.set(line.productId, quantity);
  }
  await tx.basket.update({ where: { id: basketId }, data: { updatedAt: now } });
}

/**
 * On log-in and sign-up: the anonymous basket of this request's cookie joins the user's
 * (quantities summed, capped by stock and QUANTITY_MAX) and is deleted. Returns the Set-Cookie
 * header that forgets the token, or null when there was no cookie.
 */
export async function mergeAnonymousBasket(request: Request, userId: string, now = new Date()): Promise<string | null> {
  const token = await readToken(request);
  if (!token) return null;
  const tokenHash = hashBasketToken(token);
  await db.$transaction(async (tx) => {
    // Locked: of two log-ins at once (two tabs), the second waits, then finds it merged and gone.
    const anonymousId = await basketIdIn(tx, { tokenHash }, false);
    if (!anonymousId) return;
    const anonymous = {
      id: anonymousId,
      items: await tx.basketItem.findMany({
        where: { basketId: anonymousId },
        select: { productId: true, quantity: true, product: { select: { stock: true } } },
      }),
    };
    if (anonymous.items.length) {
      const basketId = (await basketIdIn(tx, { userId }, true))!;
      const stock = new Map(anonymous.items.map((i) => [i.productId, i.product.stock]));
      await addLinesIn(
        tx,
        basketId,
        anonymous.items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
        now,
        (productId) => stock.get(productId) ?? 0,
      );
    }
    await tx.basket.delete({ where: { id: anonymous.id } });
  });
  return basketCookie.serialize("", { maxAge: 0 });
}

/** Adds the merge to a log-in or sign-up response (a redirect carrying the session cookie). */
export async function withMergedBasket(request: Request, userId: string, response: Response): Promise<Response> {
  const clear = await mergeAnonymousBasket(request, userId);
  if (clear) response.headers.append("Set-Cookie", clear);
  return response;
}

// ---------------------------------------------------------------------------------------------
// Reading

export type BasketItemView = {
  productId: string;
  name: string;
  priceCents: number;
  quantity: number;
  stock: number;
  stockVersion: number;
  photo: { thumbSrc: string; alt: string } | null;
  /** Hidden by the merchant, stall no longer approved, market unpublished. */
  available: boolean;
  /** What the page should warn about. */
  warning: "unavailable" | "soldOut" | "short" | null;
  lineCents: number;
};

export type BasketStallView = {
  id: string;
  slug: string;
  name: string;
  pickupDetails: string;
  /** False while the merchant's Stripe account is not active: checkout refuses its lines. */
  canTakeOrders: boolean;
  items: BasketItemView[];
};

export type BasketMarketView = {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  status: MarketOpenness;
  published: boolean;
  stalls: BasketStallView[];
  totalCents: number;
  /** Units; lines with a warning are counted as asked. */
  count: number;
  /** Lines that checkout would refuse as they are (sold out, short, unavailable, stall that cannot take orders). */
  blocked: boolean;
};

export type BasketView = { markets: BasketMarketView[]; count: number };

const EMPTY: BasketView = { markets: [], count: 0 };

/** The basket with each product as it is now (name, price, stock, stall, photo), by market then stall. */
export async function getBasket(owner: BasketOwner | null, now: Date): Promise<BasketView> {
  if (!owner) return EMPTY;
  const basket = await db.basket.findUnique({
    where: ownerWhere(owner),
    select: {
      items: {
        orderBy: { addedAt: "asc" },
        select: {
          quantity: true,
          product: {
            select: {
              id: true,
              name: true,
              priceCents: true,
              stock: true,
              stockVersion: true,
              active: true,
              photos: {
                orderBy: [{ position: "asc" }, { createdAt: "asc" }],
                take: 1,
                select: { thumbSrc: true, alt: true },
              },
              stall: {
                select: {
                  id: true,
                  slug: true,
                  name: true,
                  status: true,
                  pickupDetails: true,
                  owner: { select: { payoutAccount: { select: { status: true } } } },
                  market: {
                    select: { id: true, slug: true, name: true, timezone: true, status: true, ...scheduleSelect },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!basket) return EMPTY;
  const markets = new Map<string, BasketMarketView>();
  for (const item of basket.items) {
    const { product } = item;
    const { stall } = product;
    const { market } = stall;
    let m = markets.get(market.id);
    if (!m) {
      const status = marketOpenness(market.status, market.sessions, now, market.overrides);
      m = {
        id: market.id,
        slug: market.slug,
        name: market.name,
        timezone: market.timezone,
        status,
        published: status.published,
        stalls: [],
        totalCents: 0,
        count: 0,
        blocked: false,
      };
      markets.set(market.id, m);
    }
    let s = m.stalls.find((x) => x.id === stall.id);
    if (!s) {
      s = {
        id: stall.id,
        slug: stall.slug,
        name: stall.name,
        pickupDetails: stall.pickupDetails,
        canTakeOrders: stall.owner.payoutAccount?.status === PAYABLE_STATUS,
        items: [],
      };
      m.stalls.push(s);
    }
    if (!s.canTakeOrders) m.blocked = true;
    const available = product.active && stall.status === "APPROVED" && market.status === "PUBLISHED";
    const warning = !available
      ? "unavailable"
      : product.stock <= 0
        ? "soldOut"
        : product.stock < item.quantity
          ? "short"
          : null;
    const lineCents = product.priceCents * item.quantity;
    s.items.push({
      productId: product.id,
      name: product.name,
      priceCents: product.priceCents,
      quantity: item.quantity,
      stock: product.stock,
      stockVersion: product.stockVersion,
      photo: product.photos[0] ?? null,
      available,
      warning,
      lineCents,
    });
    m.totalCents += lineCents;
    m.count += item.quantity;
    if (warning) m.blocked = true;
  }
  const list = [...markets.values()];
  return { markets: list, count: list.reduce((n, m) => n + m.count, 0) };
}

/** Units in the basket, for the header; no query for a visitor without a basket. */
export async function getBasketCount(owner: BasketOwner | null): Promise<number> {
  if (!owner) return 0;
  const sum = await db.basketItem.aggregate({ where: { basket: ownerWhere(owner) }, _sum: { quantity: true } });
  return sum._sum.quantity ?? 0;
}
