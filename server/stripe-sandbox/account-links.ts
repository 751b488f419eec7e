// Account links (hosted onboarding) and login links (the Express dashboard) of sandbox connected
// accounts. As at Stripe, an account link lives 5 minutes and is used once: an expired or used
// link sends the merchant to its refresh_url, where the app makes a new one. Its page lets the
// merchant choose what Stripe's verification would conclude (connect-pages.ts).
import type Stripe from "stripe";
import { db } from "../../app/utils/db.server";
import { requireAccount, setSandboxAccountState, type SandboxAccountState } from "./accounts";
import { requireOwnUrl } from "./app-orders";
import type { SandboxClock } from "./checkout";
import { invalidRequest, missingParam } from "./errors";
import type { FormObject } from "./form";
import { newId } from "./ids";
import { optionalString, rejectUnknown, requiredString, urlParam } from "./params";
import { insertObject, readObject, replaceObject } from "./store";

/** Stripe's account links expire after five minutes. */
export const ACCOUNT_LINK_TTL_S = 300;
/** Login links are short-lived too (Stripe does not publish the figure; five minutes here). */
export const LOGIN_LINK_TTL_S = 300;

/** Sandbox-only record behind an account link's URL (never served by the API). */
export type SandboxAccountLink = {
  id: string;
  account: string;
  type: "account_onboarding";
  refresh_url: string;
  return_url: string;
  created: number;
  expires_at: number;
};

/** Sandbox-only record behind a login link's URL. */
export type SandboxLoginLink = { id: string; account: string; created: number; expires_at: number };

const token = () => newId.secret() + newId.secret();

export async function createAccountLink(
  params: FormObject,
  clock: SandboxClock,
  publicUrl: string,
): Promise<Stripe.AccountLink> {
  rejectUnknown(params, ["account", "type", "refresh_url", "return_url", "collect", "collection_options", "expand"]);
  const accountId = requiredString(params, "account");
  const type = requiredString(params, "type");
  if (type !== "account_onboarding") {
    throw invalidRequest(
      `The Stripe sandbox only emulates type=account_onboarding, not ${type}.`,
      "type",
      "parameter_invalid_string",
    );
  }
  const refreshUrl = urlParam(params, "refresh_url");
  const returnUrl = urlParam(params, "return_url");
  if (!refreshUrl) throw missingParam("refresh_url");
  if (!returnUrl) throw missingParam("return_url");
  // Its API key is public: it sends merchants back to this app only, as checkout's pages do.
  requireOwnUrl(refreshUrl, "refresh_url", publicUrl);
  requireOwnUrl(returnUrl, "return_url", publicUrl);
  const collect = optionalString(params, "collect");
  if (collect !== null && collect !== "currently_due" && collect !== "eventually_due") {
    throw invalidRequest("Invalid collect: must be one of currently_due, eventually_due", "collect");
  }
  await requireAccount(db, accountId);
  const now = clock.now();
  const created = Math.floor(now.getTime() / 1000);
  const id = `acctlink_${token()}`;
  const link: SandboxAccountLink = {
    id,
    account: accountId,
    type: "account_onboarding",
    refresh_url: refreshUrl,
    return_url: returnUrl,
    created,
    expires_at: created + ACCOUNT_LINK_TTL_S,
  };
  await insertObject(db, "account_link", id, link, { status: "open" });
  return {
    object: "account_link",
    created,
    expires_at: link.expires_at,
    url: `${publicUrl}/sandbox/connect/onboarding/${id}`,
  };
}

/** The link if it can still be used now, else null (the page then sends to refresh_url). */
export async function usableAccountLink(
  id: string,
  clock: SandboxClock,
): Promise<{ link: SandboxAccountLink | null; usable: boolean }> {
  const row = await db.stripeSandboxObject.findUnique({ where: { id }, select: { status: true, type: true } });
  if (row?.type !== "account_link") return { link: null, usable: false };
  const link = await readObject(db, "account_link", id);
  if (!link) return { link: null, usable: false };
  const expired = link.expires_at * 1000 <= clock.now().getTime();
  return { link, usable: row.status === "open" && !expired };
}

export type OnboardingOutcome = "complete" | "verifying" | "restricted";

/**
 * The merchant submitted the onboarding page. The link is used once (a conditional update: of two
 * submissions, one counts). "complete": verification under way, the account becomes active
 * `verifyAfterMs` later (the sandbox's loop); "verifying": it stays under verification;
 * "restricted": Stripe asks for another document. Returns the link, or null if it was used.
 */
export async function submitOnboarding(
  link: SandboxAccountLink,
  outcome: OnboardingOutcome,
  options: SandboxClock & { verifyAfterMs: number },
): Promise<SandboxAccountLink | null> {
  const used = await replaceObject(db, "account_link", link.id, link, { from: "open", status: "used" });
  if (!used) return null;
  const now = options.now();
  const state: SandboxAccountState = outcome === "restricted" ? "restricted" : "verifying";
  await setSandboxAccountState(link.account, state, {
    now,
    dueAt: outcome === "complete" ? new Date(now.getTime() + options.verifyAfterMs) : null,
  });
  return link;
}

/** Accounts whose verification was due: active now, with their events. Returns how many. */
export async function finishVerifications(clock: SandboxClock, ids: string[]): Promise<number> {
  let done = 0;
  for (const id of ids) {
    await setSandboxAccountState(id, "active", { now: clock.now(), onlyFrom: "verifying" });
    done++;
  }
  return done;
}

export async function createLoginLink(
  accountId: string,
  params: FormObject,
  clock: SandboxClock,
  publicUrl: string,
): Promise<Stripe.LoginLink> {
  rejectUnknown(params, ["expand"]);
  const account = await requireAccount(db, accountId);
  if (!account.details_submitted) {
    // What Stripe answers before the merchant has been through onboarding.
    throw invalidRequest(
      "Cannot create a login link for an account that has not completed onboarding.",
      "account",
      "account_invalid",
    );
  }
  const created = Math.floor(clock.now().getTime() / 1000);
  const id = `loginlink_${token()}`;
  await insertObject(
    db,
    "login_link",
    id,
    { id, account: accountId, created, expires_at: created + LOGIN_LINK_TTL_S },
    { status: "open" },
  );
  return { object: "login_link", created, url: `${publicUrl}/sandbox/connect/dashboard/${id}` };
}

/** The account a login link opens, if it has not expired. */
export async function accountOfLoginLink(id: string, clock: SandboxClock): Promise<Stripe.Account | null> {
  const link = await readObject(db, "login_link", id);
  if (!link || link.expires_at * 1000 <= clock.now().getTime()) return null;
  return readObject(db, "account", link.account);
}

/** What the sandbox's transfers (written by transfers.ts, when present) sent to an account. */
export type DashboardTransfer = {
  id: string;
  amount: number;
  amountReversed: number;
  currency: string;
  created: number;
  transferGroup: string | null;
};

export async function transfersTo(accountId: string): Promise<DashboardTransfer[]> {
  // Rows are the JSON.stringify of the transfer: its destination appears exactly like this.
  const rows = await db.stripeSandboxObject.findMany({
    where: { type: "transfer", json: { contains: `"destination":${JSON.stringify(accountId)}` } },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return rows.map((row) => {
    const transfer = JSON.parse(row.json) as Partial<Stripe.Transfer>;
    return {
      id: row.id,
      amount: transfer.amount ?? 0,
      amountReversed: transfer.amount_reversed ?? 0,
      currency: transfer.currency ?? "eur",
      created: transfer.created ?? Math.floor(row.createdAt.getTime() / 1000),
      transferGroup: transfer.transfer_group ?? null,
    };
  });
}
