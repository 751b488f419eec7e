import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { DATABASE_RETRY_AFTER_SECONDS } from "~/utils/db.server";
import { NonceProvider } from "~/utils/nonce";
import { withoutViewPadding } from "~/utils/react-stream.server";

// The server (server/index.ts) takes its sockets, scheduler, sweeper, Stripe sandbox and database
// client from here, so that they and the routes share one copy of every module (server/services.ts).
export * as services from "../server/services";

// Remix rejects loader promises still pending after streamTimeout; React's render is aborted a
// second later so that those rejections can still be streamed to the browser.
export const streamTimeout = 5_000;
const ABORT_DELAY = streamTimeout + 1_000;

/**
 * The page's bytes, passed on once React has written all it has for now. React writes its HTML in
 * 2 KB pieces and then calls the destination's flush() (the convention of zlib streams and of the
 * compression middleware): joined there, a page crosses Remix's web stream and reaches the socket
 * as a few chunks (the shell, then each streamed boundary) instead of one per 2 KB. Each chunk
 * costs a stream round (enqueue, read, write, flush) whatever its size: a 34 KB stall page was
 * 17 of them. Nothing waits longer than before: flush() is called in the same turn.
 */
function joinedUntilFlush(): Transform & { flush: () => void } {
  const pieces: Buffer[] = [];
  const release = () => {
    if (pieces.length === 0) return;
    stream.push(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces));
    pieces.length = 0;
  };
  const stream = Object.assign(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        pieces.push(withoutViewPadding(chunk));
        done();
      },
      flush(done) {
        release();
        done();
      },
    }),
    { flush: release },
  );
  return stream;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Every inline script of the page carries it, or the Content-Security-Policy blocks it.
  const nonce = loadContext.cspNonce;
  // Crawlers (link previews) get the whole document at once; people get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Cleared as soon as rendering is done: a pending timer keeps the finished page (its whole
    // React tree) alive for ABORT_DELAY, which at a few hundred pages a second is a hundred
    // megabytes of heap and garbage-collection pauses of a few hundred milliseconds.
    // `let`, set after the render starts: the callbacks below need `abort`, and may run first.
    // eslint-disable-next-line prefer-const
    let abortTimer: ReturnType<typeof setTimeout> | undefined;

    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          clearTimeout(abortTimer);
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );

    function respond() {
      shellRendered = true;
      const body = joinedUntilFlush();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      // A page's 503 is the database out of reach (server/database-outage.ts): the thrown
      // Response's Retry-After does not reach the document's headers on its own.
      if (responseStatusCode === 503 && !responseHeaders.has("Retry-After")) {
        responseHeaders.set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
      }
      resolve(
        new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
      );
      pipe(body);
    }

    abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}
