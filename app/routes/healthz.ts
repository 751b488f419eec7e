import { databaseHealth } from "~/utils/db.server";

export async function loader() {
  const database = await databaseHealth();
  return Response.json(
    { status: database.ok ? "ok" : "degraded", database, uptimeSeconds: Math.round(process.uptime()) },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
