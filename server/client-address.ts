// The one rule for "who is asking": Express's req.ip (HTTP) and the sockets' per-address limits
// both come from here, so a visitor has the same address for the log-in limiter and for the
// socket cap. Behind a reverse proxy every connection comes from the proxy: X-Forwarded-For is
// believed only when the peer is a proxy this server trusts (TRUST_PROXY, loopback by default),
// or anyone could pick an address per request; and not believed at all from anyone else, or the
// whole town would share the proxy's address and its cap. proxy-addr is what Express itself uses.
import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

export type TrustProxy = (address: string, hop: number) => boolean;

/** TRUST_PROXY's comma-separated list (addresses, CIDR ranges, or loopback, linklocal, uniquelocal). */
export function compileTrustProxy(setting: string): TrustProxy {
  return proxyaddr.compile(
    setting
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

/** The client's address: the peer's, or the nearest untrusted hop of X-Forwarded-For when the peer is trusted. */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  // A socket already closed has no remote address: such a request is answered by nobody anyway.
  if (!req.socket.remoteAddress) return "unknown";
  return proxyaddr(req, trust);
}
