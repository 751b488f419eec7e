// The Connect endpoints about accounts: /v1/accounts (create, retrieve, update), the transfers
// capability, account links and login links (account-links.ts).
import type { Router } from "express";
import { db } from "../../app/utils/db.server";
import { createAccountLink, createLoginLink } from "./account-links";
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
  router.post(
    "/v1/accounts/:id/login_links",
    handle("POST", ({ id, params }) => createLoginLink(id, params, options, options.publicUrl())),
  );
  router.post(
    "/v1/account_links",
    handle("POST", ({ params }) => createAccountLink(params, options, options.publicUrl())),
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
