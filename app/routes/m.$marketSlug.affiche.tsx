// A market's printable poster (A4, QR code to its page, opening times): public, as its page.
import type { HeadersFunction } from "@remix-run/node";
import { PosterPage, posterMeta } from "~/components/poster";
import { posterLoader } from "~/components/poster.server";

export const loader = posterLoader;
export const meta = posterMeta;
// The header is personal (who is logged in): never a shared cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-cache" });
export default PosterPage;
