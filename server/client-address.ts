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

/**
 * The key the per-address socket limits count under: an IPv4 address as it is, an IPv6 address
 * by its /64, the network a subscriber is given (one client can pick any of its 2^64 addresses,
 * so counting them one by one would cap nothing). IPv4 written as IPv6 (::ffff:a.b.c.d) is IPv4.
 */
export function limitKey(address: string): string {
  const bare = address.replace(/%.*$/, "").toLowerCase(); // a zone index (fe80::1%eth0)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1]!;
  if (!bare.includes(":")) return bare;
  const [head = "", tail] = bare.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::1.2.3.4) stands for two groups; only the first four groups matter.
  const missing = 8 - left.length - right.length - (right.at(-1)?.includes(".") ? 1 : 0);
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
