import { env } from "~/utils/env.server";

// The baseline of bench/stall-page.ts: a route with no data of its own, rendered through the
// same root layout and server. Only served when CHALET_BENCH=1.
export function loader() {
  if (env.CHALET_BENCH !== "1") throw new Response("Not found", { status: 404 });
  return null;
}

export default function BareRoute() {
  return <p>Chalet</p>;
}
