// Products of a stall as the merchant manages them. Every function takes the stall id and
// scopes its query by it, so a product id from another stall never matches, even if a route
// forgot a check.
import { createHash } from "node:crypto";
import type { StockLevel } from "~/realtime/events";
import { productNameKey, type ImportLine, type ParsedImport } from "./product-import.server";
import { byProductId, stockTransaction, type StockChange } from "./stock-events.server";
import { STOCK_HELD } from "./order-status";
import { db, type Prisma } from "~/utils/db.server";
import { PRODUCT_PHOTOS_MAX, STOCK_MAX } from "~/schemas/merchant";
import type { StoredImage } from "~/utils/uploads.server";

export type MerchantProduct = {
  id: string;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  stockVersion: number;
  active: boolean;
  position: number;
  photos: { id: string; src: string; thumbSrc: string; alt: string; width: number; height: number }[];
};

const productFields = {
  id: true,
  name: true,
  description: true,
  priceCents: true,
  stock: true,
  stockVersion: true,
  active: true,
  position: true,
  photos: {
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, src: true, thumbSrc: true, alt: true, width: true, height: true },
  },
} satisfies Prisma.ProductSelect;

export function listStallProducts(stallId: string): Promise<MerchantProduct[]> {
  return db.product.findMany({
    where: { stallId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: productFields,
  });
}

/**
 * Per product of the stall, the units held by orders not paid yet (their lines still RESERVED):
 * out of the stock already, back in it if the payment fails. Products with none are absent.
 */
export async function reservedUnits(stallId: string): Promise<Record<string, number>> {
  const groups = await db.orderLine.groupBy({
    by: ["productId"],
    where: { stallId, status: "RESERVED", order: { status: { in: [...STOCK_HELD] } } },
    _sum: { quantity: true },
  });
  return Object.fromEntries(groups.map((g) => [g.productId, g._sum.quantity ?? 0]));
}

/** The product only when it belongs to this stall (null otherwise, for a 404). */
export function getStallProduct(stallId: string, productId: string): Promise<MerchantProduct | null> {
  return db.product.findFirst({ where: { id: productId, stallId }, select: productFields });
}

export async function createProduct(input: {
  stallId: string;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  photo?: (StoredImage & { alt: string }) | null;
}) {
  // New products go to the end of the list; a race on position only affects display order.
  const last = await db.product.findFirst({
    where: { stallId: input.stallId },
    orderBy: { position: "desc" },
    select: { position: true },
  });
  return db.product.create({
    data: {
      stallId: input.stallId,
      name: input.name,
      description: input.description,
      priceCents: input.priceCents,
      stock: input.stock,
      position: (last?.position ?? -1) + 1,
      photos: input.photo ? { create: { ...input.photo, position: 0 } } : undefined,
    },
    select: { id: true },
  });
}

/**
 * Name, description and price, plus an optional new photo, in one transaction. Stock is not
 * touched here: it goes through changeStock so every stock change has one path. A photo the
 * product has no room for (PRODUCT_PHOTOS_MAX, counted in this transaction so parallel saves
 * cannot overtake it) writes nothing.
 */
export async function updateProductDetails(
  stallId: string,
  productId: string,
  input: { name: string; description: string; priceCents: number; photo?: (StoredImage & { alt: string }) | null },
): Promise<"saved" | "notFound" | "tooManyPhotos"> {
  return db.$transaction(async (tx) => {
    // The product's row lock: parallel saves count its photos one after another.
    if (input.photo) await tx.$queryRaw`SELECT 1 FROM "Product" WHERE "id" = ${productId} FOR UPDATE`;
    const count = input.photo ? await tx.photo.count({ where: { productId, product: { stallId } } }) : 0;
    if (count >= PRODUCT_PHOTOS_MAX) return "tooManyPhotos";
    const updated = await tx.product.updateMany({
      where: { id: productId, stallId },
      data: { name: input.name, description: input.description, priceCents: input.priceCents },
    });
    if (updated.count !== 1) return "notFound";
    if (input.photo) await tx.photo.create({ data: { ...input.photo, productId, position: count } });
    return "saved";
  });
}

export async function setProductActive(stallId: string, productId: string, active: boolean): Promise<boolean> {
  const updated = await db.product.updateMany({ where: { id: productId, stallId }, data: { active } });
  return updated.count === 1;
}

/** Swaps the product with its neighbour in the stall's order; positions are renumbered 0..n-1. */
export async function moveProduct(stallId: string, productId: string, direction: "up" | "down"): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // Two moves at once renumber one after another (the stall's row lock), not over each other.
    await tx.$queryRaw`SELECT 1 FROM "Stall" WHERE "id" = ${stallId} FOR UPDATE`;
    const products = await tx.product.findMany({
      where: { stallId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true },
    });
    const index = products.findIndex((p) => p.id === productId);
    if (index === -1) return false;
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= products.length) return true;
    [products[index], products[target]] = [products[target]!, products[index]!];
    for (const [position, product] of products.entries()) {
      await tx.product.update({ where: { id: product.id }, data: { position } });
    }
    return true;
  });
}

export type StockResult =
  | { ok: true; stock: number; stockVersion: number }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "insufficient" | "tooLarge" | "conflict"; stock: number; stockVersion: number };

/**
 * THE one place where a merchant changes stock (quick stock taps and the product form; a file's
 * import sets it too, under the same kind of condition: importProducts).
 * A conditional update decides, not a prior read, so concurrent taps or sales can never take
 * stock below zero; every change bumps stockVersion so clients can drop older news.
 * `expected` (for a typed value) refuses to overwrite a stock that changed since the form
 * was shown, e.g. a sale made in the meantime.
 */
export async function changeStock(
  stallId: string,
  productId: string,
  change: { delta: number } | { set: number; expected?: number },
): Promise<StockResult> {
  const where =
    "delta" in change
      ? {
          id: productId,
          stallId,
          stock: change.delta < 0 ? { gte: -change.delta } : { lte: STOCK_MAX - change.delta },
        }
      : { id: productId, stallId, ...(change.expected === undefined ? {} : { stock: change.expected }) };
  const data =
    "delta" in change
      ? { stock: { increment: change.delta }, stockVersion: { increment: 1 } }
      : { stock: change.set, stockVersion: { increment: 1 } };
  if ("set" in change && (change.set < 0 || change.set > STOCK_MAX || !Number.isInteger(change.set))) {
    throw new RangeError(`stock out of range: ${change.set}`);
  }
  const { won, product } = await stockTransaction(async (tx, changed) => {
    const updated = await tx.product.updateMany({ where, data });
    const product = await tx.product.findFirst({
      where: { id: productId, stallId },
      select: { stock: true, stockVersion: true, stall: { select: { marketId: true } } },
    });
    const won = updated.count === 1 && product !== null;
    if (won)
      changed([
        {
          productId,
          stallId,
          marketId: product.stall.marketId,
          stock: product.stock,
          stockVersion: product.stockVersion,
        },
      ]);
    return { won, product };
  });
  if (!product) return { ok: false, reason: "notFound" };
  const level = { stock: product.stock, stockVersion: product.stockVersion };
  if (won) return { ok: true, ...level };
  const reason = "set" in change ? "conflict" : change.delta < 0 ? "insufficient" : "tooLarge";
  return { ok: false, reason, ...level };
}

/**
 * The stock of every active product of a published market's approved stalls, for a client that
 * (re)connects (`stock:get`). Null when the market is unknown or not published.
 */
export async function getMarketStock(marketId: string): Promise<StockLevel[] | null> {
  const market = await db.market.findUnique({ where: { id: marketId }, select: { status: true } });
  if (market?.status !== "PUBLISHED") return null;
  return db.product
    .findMany({
      where: { active: true, stall: { marketId, status: "APPROVED" } },
      select: { id: true, stallId: true, stock: true, stockVersion: true },
      orderBy: { id: "asc" },
    })
    .then((rows) => rows.map(({ id, ...level }) => ({ productId: id, ...level })));
}

/** A line of an import as it would change the stall: created, updated (with the stock it had) or
 *  not at all (a line with problems). */
export type ImportPlanLine = ImportLine & { action: "create" | "update" | null; stockWas: number | null };

export type ImportPlan = {
  lines: ImportPlanLine[];
  ignoredColumns: string[];
  create: number;
  update: number;
  errors: number;
  /** Names the file and the stall's products it matched (and their stock versions): a
   *  confirmation carrying another token is shown a new preview instead of being imported. */
  token: string;
};

type ExistingProduct = { id: string; name: string; stock: number; stockVersion: number };

function planImport(parsed: Extract<ParsedImport, { ok: true }>, existing: ExistingProduct[]) {
  const byName = new Map(existing.map((product) => [productNameKey(product.name), product]));
  const matches = parsed.lines.map((line) =>
    line.product ? (byName.get(productNameKey(line.product.name)) ?? null) : null,
  );
  const lines = parsed.lines.map((line, index): ImportPlanLine => {
    const match = matches[index];
    return { ...line, action: line.product ? (match ? "update" : "create") : null, stockWas: match?.stock ?? null };
  });
  const token = createHash("sha256")
    .update(parsed.digest)
    .update(matches.map((match) => (match ? `${match.id}@${match.stockVersion}` : "-")).join(","))
    .digest("base64url");
  const plan: ImportPlan = {
    lines,
    ignoredColumns: parsed.ignoredColumns,
    create: lines.filter((line) => line.action === "create").length,
    update: lines.filter((line) => line.action === "update").length,
    errors: lines.filter((line) => line.problems.length > 0).length,
    token,
  };
  return { plan, matches };
}

const existingProducts = (client: Pick<typeof db, "product">, stallId: string) =>
  client.product.findMany({ where: { stallId }, select: { id: true, name: true, stock: true, stockVersion: true } });

/** What importing this file would do to the stall, without writing anything (the preview). */
export async function planProductImport(stallId: string, parsed: Extract<ParsedImport, { ok: true }>) {
  return planImport(parsed, await existingProducts(db, stallId)).plan;
}

class ImportOvertaken extends Error {}

/**
 * Imports the file the merchant previewed, all of it or nothing, in one transaction: refused
 * (with a fresh preview, nothing written) when a line has problems or when the token is not the
 * preview's, i.e. the file or the stall's matching products (a sale changing a stock) changed
 * since. A product of the same name (productNameKey) is updated under the stock version the
 * preview showed; the others are created at the end of the list. Stock changes are published
 * after the commit.
 */
export async function importProducts(
  stallId: string,
  parsed: Extract<ParsedImport, { ok: true }>,
  token: string,
): Promise<{ ok: boolean; plan: ImportPlan }> {
  try {
    return await stockTransaction(async (tx, changed) => {
      // Two imports (or an import and a move) of one stall run one after another: the second
      // sees the first's products and renames nothing twice.
      const stalls = await tx.$queryRaw<{ marketId: string }[]>`
        SELECT "marketId" FROM "Stall" WHERE "id" = ${stallId} FOR UPDATE`;
      const { plan, matches } = planImport(parsed, await existingProducts(tx, stallId));
      if (plan.errors > 0 || plan.token !== token || !stalls[0]) return { ok: false, plan };
      const last = await tx.product.findFirst({
        where: { stallId },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      let position = (last?.position ?? -1) + 1;
      const creates = plan.lines.flatMap((line) =>
        line.action === "create" && line.product
          ? [
              {
                stallId,
                name: line.product.name,
                description: line.product.description,
                priceCents: line.product.priceCents,
                stock: line.product.stock ?? 1,
                position: position++,
              },
            ]
          : [],
      );
      if (creates.length) await tx.product.createMany({ data: creates });

      const updates = plan.lines.flatMap((line, index) => {
        const match = matches[index];
        return line.action === "update" && line.product && match
          ? [{ productId: match.id, match, product: line.product }]
          : [];
      });
      const stockChanges: StockChange[] = [];
      // In product id order, as every stock write locks its rows.
      for (const { productId, match, product } of updates.sort(byProductId)) {
        const updated = await tx.product.updateMany({
          // A sale since the preview bumped stockVersion: the merchant has not seen that stock.
          where: { id: productId, stallId, stockVersion: match.stockVersion },
          data: {
            name: product.name,
            priceCents: product.priceCents,
            ...(product.hasDescription ? { description: product.description } : {}),
            ...(product.stock === null ? {} : { stock: product.stock, stockVersion: { increment: 1 } }),
          },
        });
        if (updated.count !== 1) throw new ImportOvertaken();
        if (product.stock !== null) {
          stockChanges.push({
            productId,
            stallId,
            marketId: stalls[0].marketId,
            stock: product.stock,
            stockVersion: match.stockVersion + 1,
          });
        }
      }
      changed(stockChanges);
      return { ok: true, plan };
    });
  } catch (error) {
    if (!(error instanceof ImportOvertaken)) throw error;
    return { ok: false, plan: await planProductImport(stallId, parsed) };
  }
}
