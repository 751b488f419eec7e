// What the market page's search needs of each approved stall's products (app/models/search.ts):
// names and prices to say which product matched, and a few words of each description.
import { db } from "~/utils/db.server";
import { descriptionTerms, type SearchableProduct } from "./search";
import { listApprovedStalls } from "./stall.server";

/** Approved stalls of a market for its grid, plan and search, each with its active products. */
export async function listSearchableStalls(marketId: string) {
  const [stalls, products] = await Promise.all([
    listApprovedStalls(marketId),
    db.product.findMany({
      where: { active: true, stall: { marketId, status: "APPROVED" } },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { stallId: true, name: true, description: true, priceCents: true },
    }),
  ]);
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
  return stalls.map((stall) => ({ ...stall, products: byStall.get(stall.id) ?? [] }));
}
