// The Connect endpoints about accounts: /v1/accounts (create, retrieve, update), the transfers
// capability, and (accounts-links.ts) account links and login links.
import type { Router } from "express";
import { db } from "../../app/utils/db.server";
import { createAccount, requireAccount, transfersCapability, updateAccount } from "./accounts";
import type { ApiOptions, Handle } from "./api";
import { noSuch } from "./errors";

export function registerAccountRoutes(router: Router, handle: Handle, options: ApiOptions): void {
  router.post(
    "/v1/accounts",
    handle("POST", ({ params }) => createAccount(params, options)),
  );
  router.get(
    "/v1/accounts/:id",
    handle("GET", ({ id }) => requireAccount(db, id)),
  );
  router.post(
    "/v1/accounts/:id",
    handle("POST", ({ id, params }) => updateAccount(id, params)),
  );
  router.get(
    "/v1/accounts/:id/capabilities",
    handle("GET", async ({ id }) => ({
      object: "list",
      data: [transfersCapability(await requireAccount(db, id))],
      has_more: false,
      url: `/v1/accounts/${id}/capabilities`,
    })),
  );
  router.get(
    "/v1/accounts/:id/capabilities/:capability",
    handle("GET", async ({ id, pathParams }) => {
      const capability = pathParams.capability ?? "";
      const account = await requireAccount(db, id);
      if (capability !== "transfers") throw noSuch("capability", capability, "capability");
      return transfersCapability(account);
    }),
  );
}
