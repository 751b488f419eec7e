// The Connect money endpoints (transfers, reversals, balances, payouts, balance transactions),
// registered on the API router by api.ts.
import type { SandboxClock } from "./checkout";
import type { Handler } from "./api";
import { createPayout, retrieveBalance, retrieveBalanceTransaction } from "./balance";
import { createReversal, createTransfer, listTransfers, retrieveTransfer } from "./transfers";

type Routes = { get: (path: string, handler: Handler) => void; post: (path: string, handler: Handler) => void };

export function registerMoneyRoutes(routes: Routes, clock: SandboxClock): void {
  routes.post("/v1/transfers", ({ params, account }) => createTransfer(params, account, clock));
  routes.get("/v1/transfers", ({ params }) => listTransfers(params));
  routes.get("/v1/transfers/:id", ({ id }) => retrieveTransfer(id));
  routes.post("/v1/transfers/:id/reversals", ({ id, params, account }) => createReversal(id, params, account, clock));
  routes.get("/v1/balance", ({ account }) => retrieveBalance(account));
  routes.get("/v1/balance_transactions/:id", ({ id, account }) => retrieveBalanceTransaction(id, account));
  routes.post("/v1/payouts", ({ params, account }) => createPayout(params, account, clock));
}
