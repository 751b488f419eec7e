// Connected accounts (Stripe Connect), as Chalet creates them: controller properties equivalent to
// Express (Stripe collects the requirements and hosts the Express dashboard; the platform pays the
// fees and carries the losses), country FR, the `transfers` capability. An account goes through
// the states a real one does (details to give, being verified, active, restricted); each change
// records `account.updated` (and `capability.updated` when the transfers capability moves), events
// that carry `account` and so go to the Connect endpoint (delivery.ts).
import type Stripe from "stripe";
import { db, type Tx } from "../../app/utils/db.server";
import type { SandboxClock } from "./checkout";
import { invalidRequest, noSuch, SandboxError } from "./errors";
import type { FormObject } from "./form";
import { newId } from "./ids";
import type { EventRequest } from "./objects";
import { metadataOf, optionalObject, optionalString, rejectUnknown } from "./params";
import { insertObject, readObject, recordEvent, replaceObject } from "./store";

type Client = Tx | typeof db;

/** Where a sandbox account stands; stored in the row's `status` for conditional updates. */
export type SandboxAccountState = "onboarding" | "verifying" | "active" | "restricted";
export const SANDBOX_ACCOUNT_STATES: readonly SandboxAccountState[] = [
  "onboarding",
  "verifying",
  "active",
  "restricted",
];

const NO_ADDRESS: Stripe.Address = {
  city: null,
  country: null,
  line1: null,
  line2: null,
  postal_code: null,
  state: null,
};

/** What a French individual's Express onboarding asks for before anything is submitted. */
const ONBOARDING_FIELDS = [
  "business_profile.mcc",
  "business_profile.url",
  "business_type",
  "external_account",
  "individual.address.city",
  "individual.address.line1",
  "individual.address.postal_code",
  "individual.dob.day",
  "individual.dob.month",
  "individual.dob.year",
  "individual.email",
  "individual.first_name",
  "individual.last_name",
  "individual.phone",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];
const DOCUMENT = "individual.verification.document";

type Requirements = {
  currently_due: string[];
  eventually_due: string[];
  past_due: string[];
  pending_verification: string[];
  disabled_reason: string | null;
  errors: Stripe.Account.Requirements.Error[];
};

function requirementsOf(state: SandboxAccountState): Requirements {
  switch (state) {
    case "onboarding":
      return {
        currently_due: ONBOARDING_FIELDS,
        eventually_due: ONBOARDING_FIELDS,
        past_due: ONBOARDING_FIELDS,
        pending_verification: [],
        disabled_reason: "requirements.past_due",
        errors: [],
      };
    case "verifying":
      return {
        currently_due: [],
        eventually_due: [],
        past_due: [],
        pending_verification: [DOCUMENT],
        disabled_reason: "requirements.pending_verification",
        errors: [],
      };
    case "active":
      return {
        currently_due: [],
        eventually_due: [],
        past_due: [],
        pending_verification: [],
        disabled_reason: null,
        errors: [],
      };
    case "restricted":
      return {
        currently_due: [DOCUMENT],
        eventually_due: [DOCUMENT],
        past_due: [DOCUMENT],
        pending_verification: [],
        disabled_reason: "requirements.past_due",
        errors: [
          {
            code: "verification_document_failed_other",
            reason: "The document could not be verified. Upload another identity document.",
            requirement: DOCUMENT,
          },
        ],
      };
  }
}

/** The transfers capability's status in each state. */
function transfersStatus(state: SandboxAccountState): Stripe.Capability.Status {
  return state === "active" ? "active" : state === "verifying" ? "pending" : "inactive";
}

// Typed as both: the account's and its transfers capability's future requirements are alike and empty.
function emptyFutureRequirements(): Stripe.Account.FutureRequirements & Stripe.Capability.FutureRequirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [],
    disabled_reason: null,
    errors: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
  };
}

/** The account as Stripe returns it in `state`; `base` keeps its id, email, metadata, created. */
export function accountInState(base: Stripe.Account, state: SandboxAccountState): Stripe.Account {
  const r = requirementsOf(state);
  return {
    ...base,
    capabilities: { ...base.capabilities, transfers: transfersStatus(state) as "active" | "inactive" | "pending" },
    // Only the transfers capability is requested: no card payments, so no charges on the account.
    charges_enabled: false,
    details_submitted: state !== "onboarding",
    payouts_enabled: state === "active",
    requirements: {
      alternatives: [],
      current_deadline: null,
      currently_due: r.currently_due,
      disabled_reason: r.disabled_reason as Stripe.Account.Requirements.DisabledReason | null,
      errors: r.errors,
      eventually_due: r.eventually_due,
      past_due: r.past_due,
      pending_verification: r.pending_verification,
    },
    tos_acceptance:
      state === "onboarding"
        ? { date: null, ip: null, user_agent: null }
        : { date: base.tos_acceptance?.date ?? base.created ?? null, ip: "127.0.0.1", user_agent: null },
  };
}

export function buildAccount(args: {
  id: string;
  email: string | null;
  metadata: Record<string, string>;
  businessName: string | null;
  created: number;
  state: SandboxAccountState;
}): Stripe.Account {
  const base: Stripe.Account = {
    id: args.id,
    object: "account",
    business_profile: {
      annual_revenue: null,
      estimated_worker_count: null,
      mcc: null,
      minority_owned_business_designation: null,
      name: args.businessName,
      product_description: null,
      specified_commercial_transactions_act_url: null,
      support_address: NO_ADDRESS,
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: null,
    capabilities: { transfers: "inactive" },
    charges_enabled: false,
    controller: {
      fees: { payer: "application" },
      is_controller: true,
      losses: { payments: "application" },
      requirement_collection: "stripe",
      stripe_dashboard: { type: "express" },
      type: "application",
    },
    country: "FR",
    created: args.created,
    default_currency: "eur",
    details_submitted: false,
    email: args.email,
    external_accounts: { object: "list", data: [], has_more: false, url: `/v1/accounts/${args.id}/external_accounts` },
    future_requirements: emptyFutureRequirements(),
    metadata: args.metadata,
    payouts_enabled: false,
    requirements: undefined,
    settings: {
      bacs_debit_payments: { display_name: null, service_user_number: null },
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_issuing: { tos_acceptance: { date: null, ip: null } },
      card_payments: {
        decline_on: { avs_failure: false, cvc_failure: false },
        statement_descriptor_prefix: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      dashboard: { display_name: args.businessName, timezone: "Europe/Paris" },
      invoices: { default_account_tax_ids: null, hosted_payment_method_save: "offer" },
      payments: {
        statement_descriptor: null,
        statement_descriptor_kana: null,
        statement_descriptor_kanji: null,
        statement_descriptor_prefix_kana: null,
        statement_descriptor_prefix_kanji: null,
      },
      payouts: {
        debit_negative_balances: true,
        schedule: { delay_days: 7, interval: "daily" },
        statement_descriptor: null,
      },
      sepa_debit_payments: {},
    },
    tos_acceptance: { date: null, ip: null, user_agent: null },
    // Stripe reports the legacy type whose controller properties these are.
    type: "express",
  };
  return accountInState(base, args.state);
}

/** The account's `transfers` capability object (GET /v1/accounts/:id/capabilities/transfers). */
export function transfersCapability(account: Stripe.Account): Stripe.Capability {
  const requirements = account.requirements;
  const reqs = {
    alternatives: [],
    current_deadline: null,
    currently_due: requirements?.currently_due ?? [],
    disabled_reason: (requirements?.disabled_reason ?? null) as Stripe.Capability.Requirements.DisabledReason | null,
    errors: (requirements?.errors ?? []) as Stripe.Capability.Requirements.Error[],
    eventually_due: requirements?.eventually_due ?? [],
    past_due: requirements?.past_due ?? [],
    pending_verification: requirements?.pending_verification ?? [],
  };
  return {
    id: "transfers",
    object: "capability",
    account: account.id,
    future_requirements: emptyFutureRequirements(),
    requested: true,
    requested_at: account.created ?? null,
    requirements: reqs,
    status: account.capabilities?.transfers ?? "unrequested",
  };
}

const CREATE_PARAMS = [
  "type",
  "controller",
  "country",
  "email",
  "capabilities",
  "business_type",
  "business_profile",
  "metadata",
  "expand",
] as const;

/** Refuses what this sandbox does not emulate, with Stripe's kind of message. */
function checkController(params: FormObject): void {
  const type = optionalString(params, "type");
  const controller = optionalObject(params, "controller");
  if (type !== null && controller) {
    throw invalidRequest("You cannot specify both `type` and `controller`.", "type");
  }
  if (type !== null && type !== "express") {
    throw invalidRequest(`The Stripe sandbox only emulates Express-like accounts, not type=${type}.`, "type");
  }
  if (!controller) return;
  const expected: Record<string, string> = {
    "stripe_dashboard.type": "express",
    "fees.payer": "application",
    "losses.payments": "application",
    requirement_collection: "stripe",
  };
  for (const [path, value] of Object.entries(expected)) {
    const [head, tail] = path.split(".");
    const group = tail ? optionalObject(controller, head, `controller[${head}]`) : controller;
    const given = group ? optionalString(group, tail ?? head, `controller[${path.replace(".", "][")}]`) : null;
    if (given !== null && given !== value) {
      throw invalidRequest(
        `The Stripe sandbox only emulates accounts with controller[${path.replace(".", "][")}]=${value}.`,
        `controller[${path.replace(".", "][")}]`,
      );
    }
  }
}

export async function createAccount(params: FormObject, clock: SandboxClock): Promise<Stripe.Account> {
  rejectUnknown(params, CREATE_PARAMS);
  checkController(params);
  const country = optionalString(params, "country") ?? "FR";
  if (country !== "FR") {
    throw invalidRequest(`The Stripe sandbox only emulates accounts in FR, not ${country}.`, "country");
  }
  const capabilities = optionalObject(params, "capabilities");
  if (capabilities) {
    rejectUnknown(capabilities, ["transfers"], "capabilities[");
    const transfers = optionalObject(capabilities, "transfers", "capabilities[transfers]");
    if (transfers) rejectUnknown(transfers, ["requested"], "capabilities[transfers][");
  }
  const email = optionalString(params, "email");
  if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw invalidRequest("Invalid email address: " + email, "email", "email_invalid");
  }
  const profile = optionalObject(params, "business_profile");
  const businessName = profile ? optionalString(profile, "name", "business_profile[name]") : null;
  const now = clock.now();
  const account = buildAccount({
    id: newId.account(),
    email,
    metadata: metadataOf(params),
    businessName,
    created: Math.floor(now.getTime() / 1000),
    state: "onboarding",
  });
  await insertObject(db, "account", account.id, account, { status: "onboarding" });
  return account;
}

export async function requireAccount(client: Client, id: string): Promise<Stripe.Account> {
  const account = await readObject(client, "account", id);
  if (!account) {
    // Stripe's answer for an account the platform does not know (or is not connected to).
    throw new SandboxError(403, {
      type: "invalid_request_error",
      code: "account_invalid",
      message: `The provided key does not have access to account '${id}' (or that account does not exist). Application access may have been revoked.`,
    });
  }
  return account;
}

/** POST /v1/accounts/:id: the app may change the email and the metadata (Stripe merges metadata). */
export async function updateAccount(id: string, params: FormObject): Promise<Stripe.Account> {
  rejectUnknown(params, ["email", "metadata", "expand"]);
  return db.$transaction(async (tx) => {
    const account = await requireAccount(tx, id);
    const email = optionalString(params, "email");
    const metadata = { ...account.metadata, ...metadataOf(params) };
    // An empty value deletes the key, as at Stripe.
    for (const [key, value] of Object.entries(metadata)) if (value === "") delete metadata[key];
    const updated: Stripe.Account = { ...account, email: email ?? account.email, metadata };
    await replaceObject(tx, "account", id, updated);
    return updated;
  });
}

/**
 * An account as it would be created by the app then taken to `state`, without events: test
 * factories and the demo seed make merchants who connected before the story starts.
 */
export async function insertSandboxAccount(
  client: Client,
  args: {
    email?: string | null;
    metadata?: Record<string, string>;
    businessName?: string | null;
    state: SandboxAccountState;
    now?: Date;
  },
): Promise<Stripe.Account> {
  const account = buildAccount({
    id: newId.account(),
    email: args.email ?? null,
    metadata: args.metadata ?? {},
    businessName: args.businessName ?? null,
    created: Math.floor((args.now ?? new Date()).getTime() / 1000),
    state: args.state,
  });
  await insertObject(client, "account", account.id, account, { status: args.state });
  return account;
}

/**
 * Takes a sandbox account to `state` (what Stripe's verification would do) and records
 * `account.updated`, plus `capability.updated` when the transfers capability's status moves, for
 * the Connect endpoint. The change is conditional on the state read: of two racing changes, one
 * wins and the other is tried again on what it left. No change, no event (as at Stripe).
 * The running sandbox delivers the events at its next pass: call `StripeSandbox.setAccountState`
 * (which wakes it) from tests that hold the server.
 */
export async function setSandboxAccountState(
  id: string,
  state: SandboxAccountState,
  options: {
    now?: Date;
    request?: EventRequest;
    client?: typeof db;
    /** When the sandbox's loop makes a verifying account active (onboarding completed). */
    dueAt?: Date | null;
    /** Change only an account still in this state (the loop's activation after verification). */
    onlyFrom?: SandboxAccountState;
  } = {},
): Promise<Stripe.Account> {
  const client = options.client ?? db;
  const now = options.now ?? new Date();
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await client.$transaction(async (tx) => {
      const row = await tx.stripeSandboxObject.findUnique({ where: { id }, select: { status: true, type: true } });
      if (!row || row.type !== "account") throw noSuch("account", id, "account");
      const account = await requireAccount(tx, id);
      const dueAt = options.dueAt ?? null;
      if (options.onlyFrom && row.status !== options.onlyFrom) return account;
      if (row.status === state) {
        await replaceObject(tx, "account", id, account, { from: state, dueAt });
        return account;
      }
      const updated = accountInState(account, state);
      const won = await replaceObject(tx, "account", id, updated, {
        from: row.status ?? undefined,
        status: state,
        dueAt,
      });
      if (!won) return null;
      const request = options.request ?? { id: null, idempotency_key: null };
      await recordEvent(tx, {
        type: "account.updated",
        object: updated,
        account: id,
        previousAttributes: previousAttributes(account, updated),
        request,
        now,
      });
      if (account.capabilities?.transfers !== updated.capabilities?.transfers) {
        const capability = transfersCapability(updated);
        await recordEvent(tx, {
          type: "capability.updated",
          object: capability,
          account: id,
          previousAttributes: { status: account.capabilities?.transfers ?? "unrequested" },
          request,
          now,
        });
      }
      return updated;
    });
    if (result) return result;
  }
  throw new SandboxError(409, { type: "api_error", message: `Account ${id} changed too often to update; try again.` });
}

/** The top-level fields that changed, with their old values (Stripe's previous_attributes). */
function previousAttributes(before: Stripe.Account, after: Stripe.Account): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = b[key];
  }
  return out;
}

export async function stateOfAccount(id: string): Promise<SandboxAccountState | null> {
  const row = await db.stripeSandboxObject.findUnique({ where: { id }, select: { status: true, type: true } });
  return row?.type === "account" ? (row.status as SandboxAccountState) : null;
}
