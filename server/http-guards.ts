// Checks every request passes before it reaches Remix.
import type { NextFunction, Request, Response } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function refuse(res: Response, status: number, message: string) {
  res.status(status).type("text/plain").send(message);
}

/**
 * CSRF defence in depth next to SameSite=Lax cookies: a state-changing request whose
 * Origin (or, failing that, Referer) names another host is refused. Requests with
 * neither header (curl, server-to-server webhooks) carry no browser cookies to abuse.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const source = req.get("origin") ?? req.get("referer");
  if (!source) return next();
  if (hostOf(source) !== req.get("host")) return refuse(res, 403, "Cross-site request refused");
  next();
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null; // includes the opaque origin "null"
  }
}

/**
 * Bounds what a request body may cost before anything reads it: a form post at most
 * `formBytes`, an upload at most `uploadBytes`. Browsers always send Content-Length with a
 * form, so a body without one (chunked) is refused rather than counted while streamed.
 */
export function limitBodies(limits: { formBytes: number; uploadBytes: number }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const declared = req.get("content-length");
    if (declared === undefined) {
      if (req.get("transfer-encoding")) return refuse(res, 411, "Content-Length required");
      return next(); // no body at all
    }
    const isUpload = req.is("multipart/form-data") === "multipart/form-data";
    const limit = isUpload ? limits.uploadBytes : limits.formBytes;
    if (Number(declared) > limit) return refuse(res, 413, "Request body too large");
    next();
  };
}

/** Pages may not be framed by other sites, and files are served with the type they claim. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  next();
}
