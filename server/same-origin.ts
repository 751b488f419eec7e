import type { NextFunction, Request, Response } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence in depth next to SameSite=Lax cookies: a state-changing request whose
 * Origin (or, failing that, Referer) names another host is refused. Requests with
 * neither header (curl, server-to-server webhooks) carry no browser cookies to abuse.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const source = req.get("origin") ?? req.get("referer");
  if (!source) return next();
  if (hostOf(source) !== req.get("host")) return res.status(403).type("text/plain").send("Cross-site request refused");
  next();
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null; // includes the opaque origin "null"
  }
}
