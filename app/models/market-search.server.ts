// What the market page's search needs of each approved stall's products (app/models/search.ts):
// names and prices to say which product matched, and a few words of each description.
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createReadCache } from "~/utils/read-cache.server";
import { descriptionTerms, type SearchableProduct } from "./search";
import { listApprovedStalls } from "./stall.server";

async function readSearchableProducts(marketId: string): Promise<Map<string, SearchableProduct[]>> {
  const products = await db.product.findMany({
    where: { active: true, stall: { marketId, status: "APPROVED" } },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { stallId: true, name: true, description: true, priceCents: true },
  });
  const byStall = new Map<string, SearchableProduct[]>();
  for (const product of products) {
    const list = byStall.get(product.stallId) ?? [];
    list.push({
      name: product.name,
      priceCents: product.priceCents,
      terms: descriptionTerms(product.name, product.description),
    });
    byStall.set(product.stallId, list);
  }
  return byStall;
}

// As the stall page's memo (getPublicStall): dropped on any catalogue write, here or announced
// by another instance, and after STALL_PAGE_CACHE_MS at most.
const searchableProducts = createReadCache<Map<string, SearchableProduct[]>>(env.STALL_PAGE_CACHE_MS);

/** Approved stalls of a market for its grid, plan and search, each with its active products. */
export async function listSearchableStalls(marketId: string) {
  const [stalls, products] = await Promise.all([
    listApprovedStalls(marketId),
    searchableProducts(marketId, () => readSearchableProducts(marketId)),
  ]);
  return stalls.map((stall) => ({ ...stall, products: products.get(stall.id) ?? [] }));
}
