// Checks every request passes before it reaches Remix.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { createTranslator } from "../app/i18n";
import { formatFileSize } from "../app/utils/format";
import { FORM_BYTES, isUploadRoute, WEBHOOK_BYTES, WEBHOOK_PATH } from "../app/utils/body-limits.server";

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
 * Bounds what a request body may cost before anything reads it, from its headers alone: a form
 * post at most FORM_BYTES, Stripe's events WEBHOOK_BYTES, and multipart bodies only on the routes
 * of UPLOAD_ROUTES (app/utils/body-limits.server.ts), at most `uploadBytes`. Browsers always send
 * Content-Length with a form, so a body without one (chunked) is refused rather than counted.
 *
 * A multipart body elsewhere gets no room of its own: above the form limit it is 413 like any
 * other body, and below it 415, since no other route reads that type whatever its size.
 */
export function limitBodies(limits: { uploadBytes: number; fileBytes: number }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const declared = req.get("content-length");
    if (declared === undefined) {
      if (req.get("transfer-encoding")) return refuse(res, 411, "Content-Length required");
      return next(); // no body at all
    }
    const multipart = req.is("multipart/form-data") === "multipart/form-data";
    const upload = multipart && isUploadRoute(req.path);
    const limit = upload ? limits.uploadBytes : WEBHOOK_PATH.test(req.path) ? WEBHOOK_BYTES : FORM_BYTES;
    if (!(Number(declared) <= limit)) {
      if (upload) return refuseUploadPage(req, res, limits.fileBytes);
      return refuse(res, 413, "Request body too large");
    }
    if (multipart && !upload) return refuse(res, 415, "This address takes no file uploads");
    if (upload) res.once("finish", () => discardUnreadBody(req));
    next();
  };
}

/**
 * An upload too large to be read, sent by a form without JavaScript (the merchant's browser shrinks
 * photos when it runs it, app/utils/shrink-image.client.ts): a page saying so, in French then
 * English (the language cookie is Remix's to read), and the way back, instead of a bare 413.
 * Other clients (Remix's fetch asks for anything) get the sentence as before.
 */
function refuseUploadPage(req: Request, res: Response, fileBytes: number) {
  if (req.accepts(["text/plain", "text/html"]) !== "text/html") return refuse(res, 413, "Request body too large");
  const referer = req.get("referer");
  const back = referer && hostOf(referer) === req.get("host") ? new URL(referer).pathname : "/";
  const section = (locale: "fr" | "en") => {
    const t = createTranslator(locale);
    return `<section lang="${locale}"><h1>${t("merchantSetup.tooLarge.title")}</h1><p>${escapeHtml(
      t("merchantSetup.tooLarge.text", { max: formatFileSize(fileBytes, locale) }),
    )}</p><p><a href="${escapeHtml(back)}">${t("merchantSetup.tooLarge.back")}</a></p></section>`;
  };
  res
    .status(413)
    .type("html")
    .send(
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Chalet</title></head><body style="font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem">${section("fr")}<hr>${section("en")}</body></html>`,
    );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * An upload refused part-way (app/utils/uploads.server.ts stops at the first limit passed) leaves
 * the rest of its body unread, and Node does not discard a body someone began to read: the
 * connection would hang. The rest is discarded unparsed, as Node does for a body nobody read,
 * rather than cutting the connection, which can make the browser lose the answer.
 */
function discardUnreadBody(req: Request) {
  if (req.complete) return;
  req.removeAllListeners("data"); // Remix's body stream, which would buffer what follows
  req.resume();
}

/**
 * Pages may not be framed by other sites, files are served with the type they claim, and only our
 * own scripts run: the files of /build, and inline scripts carrying this response's nonce (Remix's
 * hydration data; app/entry.server.tsx and app/root.tsx put it on each). An injected <script> or
 * event handler has no nonce and is not run. The nonce is fresh for every response, in
 * res.locals.cspNonce, which getLoadContext hands to Remix.
 */
export function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader(
    "Content-Security-Policy",
    `script-src 'self' 'nonce-${nonce}'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'`,
  );
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  next();
}

/** The nonce securityHeaders chose for this response. */
export function cspNonce(res: Response): string {
  return typeof res.locals.cspNonce === "string" ? res.locals.cspNonce : "";
}
