// The sockets as they were before issue 10: only the per-socket limit, no connection cap, no
// budget per address or per account, no load shedding. For bench servers whose load generator
// plays a thousand visitors from one address (loopback), which the flood limits would refuse as
// one client, and for the "before" of bench/socket-flood.ts.
import type { ChaletServerOptions } from "../server/index";

export const NO_FLOOD_LIMITS: NonNullable<ChaletServerOptions["realtimeLimits"]> = {
  maxConnectionsPerAddress: Infinity,
  budgets: { perAddress: Infinity, perAccount: Infinity },
  expensiveInFlight: Infinity,
  expensiveInFlightPerAddress: Infinity,
  shedDelayMs: Infinity,
};
