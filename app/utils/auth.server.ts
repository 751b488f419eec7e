import { redirect } from "@remix-run/node";
import {
  createLoginSession,
  endAllUserSessions,
  endLoginSession,
  getSessionUser,
  type SessionUser,
} from "~/models/login-session.server";
import {
  isAdmin,
  isTownOrganiser,
  marketModeratorAccess,
  marketOrganiserAccess,
  stallOwnerAccess,
  teamManagerAccess,
  type Access,
} from "~/models/authorization.server";
import { getUserRoles, landingPath, type PublicUser } from "~/models/user.server";
import { getSession, sessionStorage } from "./session.server";

export async function getUserId(request: Request): Promise<string | null> {
  return (await getUser(request))?.id ?? null;
}

export async function getUser(request: Request): Promise<PublicUser | null> {
  return (await getSessionOfRequest(request))?.user ?? null;
}

/**
 * The log-in this request's cookie carries, while its row lasts. Cookies from before sessions
 * had rows carry no `sid`: logged out. Expiry is wall-clock time, as the cookie's Max-Age is
 * (createLoginSession).
 */
export async function getSessionOfRequest(request: Request): Promise<SessionUser | null> {
  const token = (await getSession(request)).get("sid");
  return typeof token === "string" ? getSessionUser(token, new Date()) : null;
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

/**
 * Where a log-in sends the user: the page they were going to (a safe `redirectTo`) wins; with
 * none, or the home page (the header's link from there), their landing page (`landingPath`).
 */
export async function loginDestination(userId: string, redirectTo: FormDataEntryValue | string | null | undefined) {
  const asked = safeRedirect(redirectTo, "");
  if (asked !== "" && asked !== "/") return asked;
  return landingPath(await getUserRoles(userId));
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

/** An answer of authorization.server.ts as HTTP: 404 for what does not exist, 403 for what is not yours. */
function enforce(access: Access): void {
  if (access === "notFound") throw new Response("Not found", { status: 404 });
  if (access === "forbidden") throw forbidden();
}

/** The user must organise the town that holds this market; 404 when the market does not exist. */
export async function requireMarketOrganiser(request: Request, marketId: string): Promise<PublicUser> {
  const user = await requireUser(request);
  enforce(await marketOrganiserAccess(user.id, marketId));
  return user;
}

/** An organiser or a moderator of the market's town: the chat reports page and nothing else. */
export async function requireMarketModerator(request: Request, marketId: string): Promise<PublicUser> {
  const user = await requireUser(request);
  enforce(await marketModeratorAccess(user.id, marketId));
  return user;
}

/**
 * A platform administrator. Anyone else logged in gets 404, as for a page that does not exist:
 * /admin is not advertised. Logged out, the log-in page first, as every other guard.
 */
export async function requireAdmin(request: Request): Promise<PublicUser> {
  const user = await requireUser(request);
  if (!(await isAdmin(user.id))) throw new Response("Not found", { status: 404 });
  return user;
}

/** Whoever may change the town's team: an administrator or an organiser of the town; 404 for no such town. */
export async function requireTeamManager(request: Request, townId: string): Promise<PublicUser> {
  const user = await requireUser(request);
  enforce(await teamManagerAccess(user.id, townId));
  return user;
}

export async function requireTownOrganiser(request: Request, townId: string): Promise<PublicUser> {
  const user = await requireUser(request);
  if (!(await isTownOrganiser(user.id, townId))) throw forbidden();
  return user;
}

/** The user must own this stall; 404 when the stall does not exist. */
export async function requireStallOwner(request: Request, stallId: string): Promise<PublicUser> {
  const user = await requireUser(request);
  enforce(await stallOwnerAccess(user.id, stallId));
  return user;
}

export async function createUserSession(request: Request, userId: string, redirectTo: string) {
  const session = await getSession(request);
  // A log-in over an older one (another account, or the same after a reset) ends that one first.
  const previous = session.get("sid");
  if (typeof previous === "string") await endLoginSession(previous);
  session.set("sid", await createLoginSession(userId, request.headers.get("User-Agent"), new Date()));
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await sessionStorage.commitSession(session) },
  });
}

/** Ends this session on the server (a copy of the cookie is worthless after) and clears the cookie. */
export async function logout(request: Request, redirectTo = "/") {
  const session = await getSession(request);
  const token = session.get("sid");
  if (typeof token === "string") await endLoginSession(token);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionStorage.destroySession(session) } });
}

/** Ends every session of the user, this one included, and clears this browser's cookie. */
export async function logoutEverywhere(request: Request, userId: string, redirectTo: string) {
  await endAllUserSessions(userId);
  const session = await getSession(request);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionStorage.destroySession(session) } });
}
