import { env } from "./env.server";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Absolute link for emails and link previews. PUBLIC_URL when set (it must be in production).
 * Without it, the address the request came to, but only when that is this machine: the Host
 * and X-Forwarded-Host headers are the client's to choose, and a reset link pointed at another
 * host would hand its token to that host.
 */
export function absoluteUrl(request: Request, pathname: string): string {
  if (env.PUBLIC_URL) return new URL(pathname, env.PUBLIC_URL).href;
  const origin = new URL(request.url);
  const base = LOOPBACK.has(origin.hostname) ? origin.origin : `http://localhost:${env.PORT}`;
  return new URL(pathname, base).href;
}

/** Absolute link of a page of this site for a message read elsewhere (an email, a push): PUBLIC_URL only. */
export function siteLink(pathname: string): string {
  return new URL(pathname, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).href;
}
