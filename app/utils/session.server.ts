import { createHash, randomBytes } from "node:crypto";
import { createCookie, createCookieSessionStorage } from "@remix-run/node";
import { env, sessionSecret } from "./env.server";

/** How long a log-in lasts: the cookie's Max-Age and the session row's expiry. */
export const SESSION_MAX_AGE_S = 60 * 60 * 24 * 30;

// `sid` is the log-in's secret token (app/models/login-session.server.ts holds the rows). The
// cookie stays signed so a garbled or forged one is dropped before any database read.
type SessionData = { sid: string };
type SessionFlash = { toast: string };

export const sessionStorage = createCookieSessionStorage<SessionData, SessionFlash>({
  cookie: {
    name: "chalet_session",
    httpOnly: true,
    sameSite: "lax",
    secure: env.NODE_ENV === "production",
    path: "/",
    secrets: [sessionSecret],
    maxAge: SESSION_MAX_AGE_S,
  },
});

export function getSession(request: Request) {
  return sessionStorage.getSession(request.headers.get("Cookie"));
}

/** A new log-in's secret: 256 random bits, as the cookie carries it. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The session row's id for a token: its sha-256, so a copy of the database opens no session. */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** The visitor's language choice; not signed because it grants nothing. */
export const localeCookie = createCookie("chalet_lang", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
});
