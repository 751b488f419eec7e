// What the organiser's CSV files (orders.csv, payments.csv) share: their guard, which hides the
// market from anyone but its organisers, and the download response.
import { DateTime } from "luxon";
import { requireMarketOrganiser } from "~/utils/auth.server";

/** A 404 that says nothing of whether the market exists. */
export function csvNotFound(): never {
  throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * Organisers of the market's town only: anyone else signed in gets a 404, a visitor without a
 * session is sent to log in (the guard's redirect goes through as it is).
 */
export async function requireMarketOrganiserForFile(request: Request, marketId: string): Promise<void> {
  try {
    await requireMarketOrganiser(request, marketId);
  } catch (error) {
    // The guard's 403: not this market's organiser.
    if (error instanceof Response && error.status === 403) csvNotFound();
    throw error;
  }
}

/** `<name>-<slug>-<day in the market's zone>.csv`, as an attachment. */
export function csvDownload(csv: string, file: { name: string; slug: string; timezone: string; now: Date }): Response {
  const day = DateTime.fromJSDate(file.now, { zone: file.timezone }).toISODate() ?? "export";
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.name}-${file.slug}-${day}.csv"`,
      // Buyers' orders, named merchants' money: never kept by a shared cache, nor by the browser
      // past this download.
      "Cache-Control": "private, no-store",
      Vary: "Cookie, Accept-Language",
    },
  });
}
