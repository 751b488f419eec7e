// What server/index.ts hands every loader and action besides the request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Client address from Express's req.ip, which honours the "trust proxy" setting. */
    clientIp: string;
    /** The server's clock, injected so tests can move time. */
    now: () => Date;
    /** This response's Content-Security-Policy nonce (server/http-guards.ts), for inline scripts. */
    cspNonce: string;
  }
  // Single fetch is on in remix.config.js: loader and action data keep their types through data().
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
