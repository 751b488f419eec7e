// A merchant's Stripe connected account (Connect, separate charges and transfers): one per user,
// created with controller properties equivalent to Express (Stripe collects the requirements and
// hosts the dashboard; the platform pays the fees and carries the losses), country FR, the
// `transfers` capability. Its state is Stripe's: on each account.updated / capability.updated
// (webhooks.stripe-connect.tsx → connect-webhook.server.ts) and when the merchant comes back from
// onboarding, the account is retrieved and its status written with a conditional update, so
// duplicated, concurrent or reordered events never leave an older state over a newer one.
//
// THE rule "this merchant can be paid, so their stalls can take orders" is `status = 'ACTIVE'`
// (PAYABLE_STATUS); SQL reads use `ownerCanBePaid` below.
import type Stripe from "stripe";
import { Prisma } from "~/generated/prisma/client";
import { db, dropPublicPageMemos } from "~/utils/db.server";
import { getStripe } from "~/utils/stripe.server";

export const PAYOUT_STATUSES = ["ONBOARDING", "VERIFYING", "ACTIVE", "RESTRICTED"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** The one status in which a merchant can be paid (and so their stalls can take orders). */
export const PAYABLE_STATUS: PayoutStatus = "ACTIVE";

/**
 * SQL: whether the user in `ownerId` (a column, e.g. Prisma.sql`s."ownerId"`) can be paid. For raw
 * reads (the stall page, the basket, the reservation's checks) that cannot call `canBePaid`.
 */
export function ownerCanBePaid(ownerId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "PayoutAccount" pa WHERE pa."userId" = ${ownerId} AND pa."status" = ${PAYABLE_STATUS})`;
}

export type PayoutAccountView = {
  stripeAccountId: string;
  status: PayoutStatus;
  /** Stripe's requirement names still due (currently_due and past_due). */
  requirementsDue: string[];
  disabledReason: string | null;
  syncedAt: Date | null;
};

function view(row: {
  stripeAccountId: string;
  status: string;
  requirementsDue: string;
  disabledReason: string | null;
  syncedAt: Date | null;
}): PayoutAccountView {
  let due: unknown;
  try {
    due = JSON.parse(row.requirementsDue);
  } catch {
    due = [];
  }
  return {
    stripeAccountId: row.stripeAccountId,
    status: (PAYOUT_STATUSES as readonly string[]).includes(row.status) ? (row.status as PayoutStatus) : "ONBOARDING",
    requirementsDue: Array.isArray(due) ? due.filter((d): d is string => typeof d === "string") : [],
    disabledReason: row.disabledReason,
    syncedAt: row.syncedAt,
  };
}

export async function getPayoutAccount(userId: string): Promise<PayoutAccountView | null> {
  const row = await db.payoutAccount.findUnique({ where: { userId } });
  return row ? view(row) : null;
}

/** Whether this user can be paid now. */
export async function canBePaid(userId: string): Promise<boolean> {
  const row = await db.payoutAccount.findUnique({ where: { userId }, select: { status: true } });
  return row?.status === PAYABLE_STATUS;
}

/** What Stripe's account says, in our terms. */
export function payoutStateOf(account: Stripe.Account): {
  status: PayoutStatus;
  requirementsDue: string[];
  disabledReason: string | null;
} {
  const requirements = account.requirements;
  const due = [...new Set([...(requirements?.currently_due ?? []), ...(requirements?.past_due ?? [])])];
  const disabledReason = requirements?.disabled_reason ?? null;
  const transfers = account.capabilities?.transfers;
  let status: PayoutStatus;
  if (transfers === "active") status = "ACTIVE";
  else if (!account.details_submitted) status = "ONBOARDING";
  // Submitted, nothing more asked, Stripe checking: being verified. Anything else (more asked,
  // rejected, paused) keeps the money from moving until the merchant or Stripe acts: restricted.
  else if (
    due.length === 0 &&
    (transfers === "pending" || disabledReason === null || disabledReason === "requirements.pending_verification")
  ) {
    status = "VERIFYING";
  } else status = "RESTRICTED";
  return { status, requirementsDue: due, disabledReason };
}

/**
 * The user's connected account, created at Stripe the first time. The idempotency key is the
 * user's: two clicks, two tabs or a retry after a lost answer get the same account; the unique
 * userId keeps one row. Returns the row's view.
 */
export async function ensurePayoutAccount(user: { id: string; email: string; name: string }, now: Date) {
  const existing = await getPayoutAccount(user.id);
  if (existing) return existing;
  const account = await getStripe().accounts.create(
    {
      controller: {
        stripe_dashboard: { type: "express" },
        fees: { payer: "application" },
        losses: { payments: "application" },
        requirement_collection: "stripe",
      },
      country: "FR",
      email: user.email,
      capabilities: { transfers: { requested: true } },
      business_profile: { name: user.name.slice(0, 100) },
      metadata: { user_id: user.id },
    },
    { idempotencyKey: `payout-account:${user.id}` },
  );
  const state = payoutStateOf(account);
  await db.$executeRaw`
    INSERT INTO "PayoutAccount" ("id", "userId", "stripeAccountId", "status", "requirementsDue", "disabledReason", "syncedAt", "createdAt", "updatedAt")
    VALUES (${`pa_${account.id}`}, ${user.id}, ${account.id}, ${state.status}, ${JSON.stringify(state.requirementsDue)},
            ${state.disabledReason}, ${now}, ${now}, ${now})
    ON CONFLICT DO NOTHING`;
  return (await getPayoutAccount(user.id))!;
}

/**
 * A fresh onboarding link (Account Links live a few minutes and are used once: one per click).
 * `returnUrl` and `refreshUrl` lead back to the merchant's "Paiements" tab.
 */
export async function createOnboardingLink(
  user: { id: string; email: string; name: string },
  urls: { returnUrl: string; refreshUrl: string },
  now: Date,
): Promise<string> {
  const account = await ensurePayoutAccount(user, now);
  const link = await getStripe().accountLinks.create({
    account: account.stripeAccountId,
    type: "account_onboarding",
    return_url: urls.returnUrl,
    refresh_url: urls.refreshUrl,
  });
  return link.url;
}

/** A link to the merchant's Stripe (Express) dashboard; null before onboarding has been submitted. */
export async function createDashboardLink(userId: string): Promise<string | null> {
  const account = await getPayoutAccount(userId);
  if (!account || account.status === "ONBOARDING") return null;
  const link = await getStripe().accounts.createLoginLink(account.stripeAccountId);
  return link.url;
}

/**
 * Reads the account at Stripe and writes what it says. The write is conditional on no later read
 * having been written (syncedAt), so two syncs finishing in the wrong order keep the newer state.
 * When the status changes, the public pages' memos drop (here and, through the catalogue
 * announcements, on other instances): a stall page must not offer what can no longer be paid for.
 * Returns the status written (or kept) and whether it changed.
 */
export async function syncPayoutAccount(
  stripeAccountId: string,
): Promise<{ known: boolean; status?: PayoutStatus; changed: boolean }> {
  const row = await db.payoutAccount.findUnique({ where: { stripeAccountId }, select: { id: true } });
  if (!row) return { known: false, changed: false };
  // Taken before asking Stripe, from the real clock: it orders reads among themselves (an injected
  // test clock standing still could not), across instances.
  const readAt = new Date();
  const account = await getStripe().accounts.retrieve(stripeAccountId);
  const state = payoutStateOf(account);
  const requirementsDue = JSON.stringify(state.requirementsDue);
  const [written] = await db.$queryRaw<{ before: string; after: string }[]>`
    WITH old AS (
      SELECT "id", "status" FROM "PayoutAccount" WHERE "stripeAccountId" = ${stripeAccountId} FOR UPDATE
    )
    UPDATE "PayoutAccount" pa
    SET "status" = ${state.status}, "requirementsDue" = ${requirementsDue},
        "disabledReason" = ${state.disabledReason}, "syncedAt" = ${readAt}, "updatedAt" = ${readAt}
    FROM old
    WHERE pa."id" = old."id" AND (pa."syncedAt" IS NULL OR pa."syncedAt" <= ${readAt})
    RETURNING old."status" AS "before", pa."status" AS "after"`;
  if (!written) return { known: true, changed: false };
  const changed = written.before !== written.after;
  if (changed) dropPublicPageMemos();
  return { known: true, status: written.after as PayoutStatus, changed };
}
