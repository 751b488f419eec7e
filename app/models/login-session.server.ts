// Log-ins as rows, so the server can end them: log-out ends one, "log out everywhere" and a
// password reset end all of a user's. The cookie carries a random token; the row's id is the
// token's sha-256 (app/utils/session.server.ts). Ending a session also closes its sockets, on
// every instance (docs/realtime.md).
import { disconnectRooms } from "~/realtime/broadcast.server";
import { rooms } from "~/realtime/events";
import { db, preparedQuery, type Tx } from "~/utils/db.server";
import { newSessionToken, SESSION_MAX_AGE_S, sessionIdOf } from "~/utils/session.server";
import type { PublicUser } from "./user.server";

/** A valid session: its row's id (its sockets' room is named after it) and its user. */
export type SessionUser = { sessionId: string; user: PublicUser };

export type LoginSessionRow = { id: string; deviceLabel: string; createdAt: Date; expiresAt: Date };

// Tokens are 32 random bytes in base64url; anything else is refused before hashing or reading.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Opens a session for the user; returns the token for the cookie. Expiry is counted from `now`,
 * which callers take from the wall clock: the browser drops the cookie after its Max-Age in real
 * time, and the row must agree with it, whatever the market's clock says.
 */
export async function createLoginSession(userId: string, userAgent: string | null, now: Date): Promise<string> {
  const token = newSessionToken();
  // Expired rows are refused when read; they are cleared here, a few at each log-in.
  await db.loginSession.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.loginSession.create({
    data: {
      id: sessionIdOf(token),
      userId,
      deviceLabel: deviceLabel(userAgent),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000),
    },
  });
  return token;
}

/** The user of a session token, unless the session ended or expired. */
export async function getSessionUser(token: string, now: Date): Promise<SessionUser | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const sessionId = sessionIdOf(token);
  // Every page and every chat message asks this: one prepared statement, without Prisma.
  const [user] = await preparedQuery<PublicUser>(
    "session-user",
    `SELECT "User"."id", "User"."email", "User"."name", "User"."locale"
       FROM "LoginSession" JOIN "User" ON "User"."id" = "LoginSession"."userId"
      WHERE "LoginSession"."id" = $1 AND "LoginSession"."expiresAt" > $2 AND "User"."deletedAt" IS NULL`,
    [sessionId, now],
  );
  return user ? { sessionId, user } : null;
}

/** The user's open sessions, newest first, for the account page. */
export function listLoginSessions(userId: string, now: Date): Promise<LoginSessionRow[]> {
  return db.loginSession.findMany({
    where: { userId, expiresAt: { gt: now } },
    select: { id: true, deviceLabel: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Log-out: ends the session of this token (if it still exists) and closes its sockets. */
export async function endLoginSession(token: string): Promise<void> {
  if (!TOKEN_SHAPE.test(token)) return;
  const sessionId = sessionIdOf(token);
  await db.loginSession.deleteMany({ where: { id: sessionId } });
  closeSessionSockets([sessionId]);
}

/** Ends one of the user's sessions by its row id (the account page); false when it is not theirs or gone. */
export async function endUserSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db.loginSession.deleteMany({ where: { id: sessionId, userId } });
  // Only a session that was theirs: another user's id must not close someone else's sockets.
  if (count === 1) closeSessionSockets([sessionId]);
  return count === 1;
}

/** "Log out everywhere": ends every session of the user and closes their sockets. */
export async function endAllUserSessions(userId: string): Promise<void> {
  closeSessionSockets(await db.$transaction((tx) => deleteUserSessions(tx, userId)));
}

/**
 * Deletes every session of the user inside the caller's transaction (a password reset); returns
 * their ids, for closeSessionSockets once the transaction has committed.
 */
export async function deleteUserSessions(tx: Tx, userId: string): Promise<string[]> {
  const sessions = await tx.loginSession.findMany({ where: { userId }, select: { id: true } });
  const ids = sessions.map((s) => s.id);
  // By user, not by the ids read: a log-in that slipped in between ends too. A socket it opened in
  // that instant is not closed, but cannot write: each write reads the session again.
  await tx.loginSession.deleteMany({ where: { userId } });
  return ids;
}

/** Closes the sockets of ended sessions on every instance (server/realtime.ts joins them to these rooms). */
export function closeSessionSockets(sessionIds: string[]): void {
  disconnectRooms(sessionIds.map(rooms.session));
}

/**
 * "Firefox · Android": enough for someone to recognise their own devices in a list, without
 * keeping the whole User-Agent (a fingerprint). Order matters: Edge and Opera say Chrome too,
 * Chrome says Safari, Android says Linux, iPadOS may say Macintosh.
 */
export function deviceLabel(userAgent: string | null): string {
  if (!userAgent) return "";
  const ua = userAgent.slice(0, 512);
  const browser = /Edg(e|A|iOS)?\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\/|FxiOS\//.test(ua)
        ? "Firefox"
        : /Chrome\/|CriOS\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : null;
  const system = /Android/.test(ua)
    ? "Android"
    : /iPhone/.test(ua)
      ? "iPhone"
      : /iPad/.test(ua)
        ? "iPad"
        : /Windows/.test(ua)
          ? "Windows"
          : /Mac OS X|Macintosh/.test(ua)
            ? "macOS"
            : /CrOS/.test(ua)
              ? "ChromeOS"
              : /Linux/.test(ua)
                ? "Linux"
                : null;
  return [browser, system].filter(Boolean).join(" · ");
}
