// /account/data.json: "Mes données", everything Chalet keeps about the logged-in user as one JSON
// file (app/models/account-data.server.ts). Only their own: there is no id in the address.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DateTime } from "luxon";
import { exportAccountData } from "~/models/account-data.server";
import { requireUser } from "~/utils/auth.server";

// The day in the file's name: the site's home timezone, as the account page's dates.
const TIME_ZONE = "Europe/Paris";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = context.now();
  const data = await exportAccountData(user.id, now);
  if (!data) throw new Response("Not found", { status: 404 });
  const day = DateTime.fromJSDate(now, { zone: TIME_ZONE }).toISODate() ?? "export";
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="chalet-mes-donnees-${day}.json"`,
      // Personal data: kept by no cache, shared or not.
      "Cache-Control": "no-store",
    },
  });
}
