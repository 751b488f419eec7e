// Page views for the report ("Bilan", issue 16), counted without tracking: no cookie, nothing kept
// in the browser, no address kept. A view of the market page or a stall page is put in a buffer in
// memory (no database call on the page's path); the buffer is written every few seconds, or as soon
// as BATCH views wait, in one INSERT … SELECT FROM unnest(…), and on a graceful stop.
// At that write each view's visitor becomes base64url(first 16 bytes of SHA-256(salt of the
// market's local day, market, address, user agent)); the address and the agent are then dropped.
// The salt is random, one per (time zone, local date), shared by every instance through VisitSalt
// (inserted if absent, then read), and deleted once the day before yesterday is over, so a visitor
// is one within a day and cannot be followed from one day to the next. See docs/privacy.md.
import { createHash, randomBytes } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { isbot } from "isbot";
import { preparedQuery } from "~/utils/db.server";
import { realTimers, type Timers } from "~/utils/timers";
import type { StoredVisitSource, VisitDevice } from "./report";
import { classifyDevice, classifyVisitSource } from "./visit-source";

type PendingView = {
  marketId: string;
  stallId: string | null;
  timezone: string;
  /** the market's local date of the view, "2026-12-07" */
  day: string;
  address: string;
  userAgent: string;
  source: StoredVisitSource;
  device: VisitDevice;
  at: Date;
};

export type VisitCounterOptions = {
  timers?: Timers;
  /** The server's clock: which salts are old enough to delete. */
  now?: () => Date;
  /** How long a view may wait in the buffer. */
  flushMs?: number;
  /** Views waiting that start a write at once. */
  batch?: number;
};

const FLUSH_MS = 5_000;
const BATCH = 500;
/** With the database out of reach, views beyond this are dropped rather than filling the memory. */
const MAX_WAITING = 20_000;
/** Salts are deleted by the writes, and by this sweep when no view comes for a while. */
const SALT_SWEEP_MS = 60 * 60_000;

type Counter = {
  options: Required<VisitCounterOptions>;
  starts: number;
  timer: unknown;
  sweep: unknown;
  writing: Promise<void>;
};

let counter: Counter | null = null;
let waiting: PendingView[] = [];
/** "zone\u0000day" → salt; only today's and yesterday's are kept (forget). */
const salts = new Map<string, string>();

// ---------------------------------------------------------------------------------------------
// On the page's path: a few header reads and one push.

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** The local date in `timezone`, "2026-12-07" (en-CA writes dates as ISO does). */
export function localDay(timezone: string, at: Date): string {
  let format = dayFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timezone, format);
  }
  return format.format(at);
}

/**
 * Why a request is not a page view, or null when it is one. Not views: anything but GET (HEAD,
 * a form's POST), a prefetch (Remix's `prefetch="intent"` links; Chromium says `Sec-Purpose`,
 * older browsers `Purpose`), a bot or no user agent, and a page asked for again from itself: the
 * revalidation after an action (adding to the basket) or on the clock, whose Referer is the page.
 */
export function notAView(request: Request, pageUrl: URL): string | null {
  if (request.method !== "GET") return "method";
  const headers = request.headers;
  const purpose = headers.get("sec-purpose") ?? headers.get("purpose") ?? headers.get("x-moz");
  if (purpose && purpose.includes("prefetch")) return "prefetch";
  const agent = headers.get("user-agent");
  if (!agent || isbot(agent)) return "bot";
  const referer = headers.get("referer");
  if (referer) {
    try {
      const from = new URL(referer);
      if (from.host === pageUrl.host && from.pathname === pageUrl.pathname) return "same page";
    } catch {
      // a malformed Referer is only a worse source ("OTHER"), not a reason to drop the view
    }
  }
  return null;
}

/**
 * Counts one view of a market page (stallId null) or a stall page, if it is one (notAView).
 * Called by the page's loader once it has its data (a 404 or a failed read counts nothing), with
 * what its memoised read already holds: it reads nothing and never waits.
 */
export function countVisit(
  request: Request,
  context: Pick<AppLoadContext, "clientIp" | "now">,
  page: { marketId: string; stallId: string | null; timezone: string; townWebsite: string },
): void {
  const running = counter;
  if (!running) return;
  const pageUrl = new URL(request.url);
  if (notAView(request, pageUrl)) return;
  if (waiting.length >= MAX_WAITING) return;
  const at = context.now();
  const userAgent = request.headers.get("user-agent") ?? "";
  waiting.push({
    marketId: page.marketId,
    stallId: page.stallId,
    timezone: page.timezone,
    day: localDay(page.timezone, at),
    address: context.clientIp,
    userAgent,
    source: classifyVisitSource({
      referer: request.headers.get("referer"),
      pageUrl: request.url,
      townWebsite: page.townWebsite,
    }),
    device: classifyDevice(userAgent),
    at,
  });
  if (waiting.length >= running.options.batch) schedule(running, 0);
  else if (waiting.length === 1) schedule(running, running.options.flushMs);
}

function schedule(running: Counter, ms: number) {
  if (running.timer !== null) {
    if (ms > 0) return;
    running.options.timers.clear(running.timer);
  }
  running.timer = running.options.timers.set(
    () => {
      running.timer = null;
      void flushVisits();
    },
    ms,
    { unref: true },
  );
}

// ---------------------------------------------------------------------------------------------
// Off the page's path: the batch's write.

/** The visitor of a view: the same address and agent on the same local day give the same one. */
export function visitorHash(salt: string, marketId: string, address: string, userAgent: string): string {
  return createHash("sha256")
    .update(`${salt}\u0000${marketId}\u0000${address}\u0000${userAgent}`)
    .digest()
    .subarray(0, 16)
    .toString("base64url");
}

const saltKey = (timezone: string, day: string) => `${timezone}\u0000${day}`;

/** The salts of these (zone, day) pairs: made by the first instance that needs one, read by all. */
async function saltsFor(views: PendingView[]): Promise<void> {
  const missing = new Map<string, { timezone: string; day: string }>();
  for (const v of views) {
    const key = saltKey(v.timezone, v.day);
    if (!salts.has(key)) missing.set(key, { timezone: v.timezone, day: v.day });
  }
  if (!missing.size) return;
  const wanted = [...missing.values()];
  await preparedQuery(
    "visit-salts-insert",
    `INSERT INTO "VisitSalt" ("timezone", "day", "salt")
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
    [wanted.map((w) => w.timezone), wanted.map((w) => w.day), wanted.map(() => randomBytes(32).toString("base64url"))],
  );
  // Read after the insert has committed: another instance's salt, inserted first, is the one.
  const rows = await preparedQuery<{ timezone: string; day: string; salt: string }>(
    "visit-salts-read",
    `SELECT s."timezone", s."day", s."salt"
     FROM "VisitSalt" s JOIN unnest($1::text[], $2::text[]) AS w("timezone", "day") USING ("timezone", "day")`,
    [wanted.map((w) => w.timezone), wanted.map((w) => w.day)],
  );
  for (const row of rows) salts.set(saltKey(row.timezone, row.day), row.salt);
}

/** Deletes the salts of days before yesterday (in each salt's zone), here and in memory. */
async function forgetOldSalts(now: Date): Promise<void> {
  await preparedQuery(
    "visit-salts-forget",
    `DELETE FROM "VisitSalt"
     WHERE "day" < to_char(($1::timestamptz AT TIME ZONE "timezone")::date - 1, 'YYYY-MM-DD')`,
    [now],
  );
  for (const key of salts.keys()) {
    const [timezone = "", day = ""] = key.split("\u0000");
    // Local "yesterday" within an hour or so (a DST day): a salt dropped early is read again.
    if (day < localDay(timezone, new Date(now.getTime() - 24 * 3600_000))) salts.delete(key);
  }
}

async function writeViews(views: PendingView[], now: Date): Promise<void> {
  await saltsFor(views);
  const known = views.filter((v) => salts.has(saltKey(v.timezone, v.day)));
  if (known.length) {
    // A market or stall deleted since its view: that view is left out, not the whole batch. The
    // ids follow the views' order (the semi-joins would not keep it).
    await preparedQuery(
      "visits-insert",
      `INSERT INTO "PageVisit" ("marketId", "stallId", "visitor", "source", "device", "at")
       SELECT v.m, v.s, v.h, v.src, v.d, v.at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
            WITH ORDINALITY AS v(m, s, h, src, d, at, n)
       WHERE EXISTS (SELECT 1 FROM "Market" WHERE "id" = v.m)
         AND (v.s IS NULL OR EXISTS (SELECT 1 FROM "Stall" WHERE "id" = v.s))
       ORDER BY v.n`,
      [
        known.map((v) => v.marketId),
        known.map((v) => v.stallId),
        known.map((v) => visitorHash(salts.get(saltKey(v.timezone, v.day))!, v.marketId, v.address, v.userAgent)),
        known.map((v) => v.source),
        known.map((v) => v.device),
        known.map((v) => v.at),
      ],
    );
  }
  await forgetOldSalts(now);
}

/**
 * Writes every view waiting (tests call it through server.services; the server's close does).
 * One write at a time; a write that fails puts its views back (up to MAX_WAITING) for the next.
 */
export function flushVisits(): Promise<void> {
  const running = counter;
  if (!running) return Promise.resolve();
  running.writing = running.writing.then(async () => {
    const views = waiting;
    waiting = [];
    if (!views.length) return;
    try {
      await writeViews(views, running.options.now());
    } catch (error: unknown) {
      console.error("visits: the batch could not be written, kept for the next:", error);
      waiting = views.concat(waiting).slice(0, MAX_WAITING);
      if (counter === running) schedule(running, running.options.flushMs);
    }
  });
  return running.writing;
}

/**
 * Starts counting (server/index.ts). One counter per process, however many servers run in it
 * (tests start several); each stop writes what waits, the last one stops the timers.
 */
export function startVisitCounter(options: VisitCounterOptions = {}): () => Promise<void> {
  if (!counter) {
    const full: Required<VisitCounterOptions> = {
      timers: options.timers ?? realTimers,
      now: options.now ?? (() => new Date()),
      flushMs: options.flushMs ?? FLUSH_MS,
      batch: options.batch ?? BATCH,
    };
    const running: Counter = { options: full, starts: 0, timer: null, sweep: null, writing: Promise.resolve() };
    const sweep = () => {
      running.sweep = full.timers.set(
        () => {
          void forgetOldSalts(full.now()).catch((error: unknown) => console.error("visits: salt sweep:", error));
          sweep();
        },
        SALT_SWEEP_MS,
        { unref: true },
      );
    };
    sweep();
    counter = running;
  }
  const mine = counter;
  mine.starts += 1;
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    await flushVisits();
    mine.starts -= 1;
    if (mine.starts === 0 && counter === mine) {
      if (mine.timer !== null) mine.options.timers.clear(mine.timer);
      mine.options.timers.clear(mine.sweep);
      counter = null;
    }
  };
}
