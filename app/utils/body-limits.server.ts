// What a request body may be, by path: the one list of the routes that take file uploads, and the
// sizes every body is held to. server/http-guards.ts applies it before anything reads a body;
// app/utils/uploads.server.ts counts the parts of an upload while streaming it.

/** A form post (urlencoded): far more than any of our forms needs. */
export const FORM_BYTES = 64 * 1024;

/**
 * Stripe's signed events. Stripe documents no maximum; an event carries one object (a Checkout
 * Session without expanded line items here), a few kilobytes, but refusing a big one would refuse
 * it again on every retry, so this path gets room to spare. Never multipart.
 */
export const WEBHOOK_BYTES = 512 * 1024;
export const WEBHOOK_PATH = /^\/webhooks\/stripe(?:-connect)?\/?$/i;

/** Files one upload may carry (a stall's whole gallery at once) and parts of any kind. */
export const UPLOAD_MAX_FILES = 8;
export const UPLOAD_MAX_PARTS = 100;

/** A whole upload: its files, plus the form's text fields (FORM_BYTES for all of them). */
export function uploadBodyBytes(maxUploadBytes: number): number {
  return UPLOAD_MAX_FILES * maxUploadBytes + FORM_BYTES;
}

// Remix's single fetch posts to "<path>.data"; a trailing slash reaches the same route. Matched
// without case, as Remix matches routes.
const route = (path: string) => new RegExp(`^${path}(?:\\.data|/)?$`, "i");

/**
 * The routes whose forms carry files (encType multipart/form-data): a multipart body anywhere
 * else is refused before it is read. Add a route here when its form gains a file input.
 */
export const UPLOAD_ROUTES: readonly RegExp[] = [
  route("/merchant/stalls/[^/]+/photos"),
  route("/merchant/stalls/[^/]+/products/[^/]+"), // includes products/new and products/import (a CSV file)
  route("/organiser/markets/[^/]+"), // includes markets/new; the market's own page is its index route
  route("/organiser/town"), // the town's logo
  route("/setup/[^/]+"), // the first start's set-up: the first town's logo
];

export function isUploadRoute(pathname: string): boolean {
  return UPLOAD_ROUTES.some((pattern) => pattern.test(pathname));
}
