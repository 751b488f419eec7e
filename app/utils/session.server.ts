import { createCookie, createCookieSessionStorage } from "@remix-run/node";
import { env, sessionSecret } from "./env.server";

type SessionData = { userId: string; sessionVersion: number };
type SessionFlash = { toast: string };

export const sessionStorage = createCookieSessionStorage<SessionData, SessionFlash>({
  cookie: {
    name: "chalet_session",
    httpOnly: true,
    sameSite: "lax",
    secure: env.NODE_ENV === "production",
    path: "/",
    secrets: [sessionSecret],
    maxAge: 60 * 60 * 24 * 30,
  },
});

export function getSession(request: Request) {
  return sessionStorage.getSession(request.headers.get("Cookie"));
}

/** The visitor's language choice; not signed because it grants nothing. */
export const localeCookie = createCookie("chalet_lang", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
});
