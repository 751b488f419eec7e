import { redirect } from "@remix-run/node";
import { getSessionUser, getSessionVersion, type PublicUser } from "~/models/user.server";
import { db } from "./db.server";
import { getSession, sessionStorage } from "./session.server";

export async function getUserId(request: Request): Promise<string | null> {
  return (await getUser(request))?.id ?? null;
}

export async function getUser(request: Request): Promise<PublicUser | null> {
  const session = await getSession(request);
  const userId = session.get("userId");
  // Cookies written before session versions existed carry none: they count as version 0.
  return userId ? getSessionUser(userId, session.get("sessionVersion") ?? 0) : null;
}

/**
 * Only paths of this site, so a crafted link cannot send people elsewhere after log-in. Browsers
 * drop tabs and newlines from URLs and read a backslash as a slash, so "/\t/evil.example" would
 * leave the site: such characters are refused, and the result is re-read as a URL to be sure.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  const base = "http://chalet.invalid";
  const url = new URL(to, base);
  return url.origin === base ? url.pathname + url.search + url.hash : fallback;
}

export async function requireUser(request: Request): Promise<PublicUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

/** The user must organise the town that holds this market; 404 when the market does not exist. */
export async function requireMarketOrganiser(request: Request, marketId: string): Promise<PublicUser> {
  const user = await requireUser(request);
  const market = await db.market.findUnique({ where: { id: marketId }, select: { townId: true } });
  if (!market) throw new Response("Not found", { status: 404 });
  const membership = await db.membership.findUnique({
    where: { userId_townId: { userId: user.id, townId: market.townId } },
  });
  if (membership?.role !== "ORGANISER") throw forbidden();
  return user;
}

export async function requireTownOrganiser(request: Request, townId: string): Promise<PublicUser> {
  const user = await requireUser(request);
  const membership = await db.membership.findUnique({ where: { userId_townId: { userId: user.id, townId } } });
  if (membership?.role !== "ORGANISER") throw forbidden();
  return user;
}

/** The user must own this stall; 404 when the stall does not exist. */
export async function requireStallOwner(request: Request, stallId: string): Promise<PublicUser> {
  const user = await requireUser(request);
  const stall = await db.stall.findUnique({ where: { id: stallId }, select: { ownerId: true } });
  if (!stall) throw new Response("Not found", { status: 404 });
  if (stall.ownerId !== user.id) throw forbidden();
  return user;
}

export async function createUserSession(request: Request, userId: string, redirectTo: string) {
  const session = await getSession(request);
  session.set("userId", userId);
  session.set("sessionVersion", await getSessionVersion(userId));
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await sessionStorage.commitSession(session) },
  });
}

export async function logout(request: Request) {
  const session = await getSession(request);
  return redirect("/", { headers: { "Set-Cookie": await sessionStorage.destroySession(session) } });
}
