// Residents' rights over their account (GDPR articles 15, 17 and 20): a copy of their data as
// one JSON document, and the deletion of their account. Deletion keeps the User row as a
// tombstone (deletedAt set, name, email and password replaced) because orders point to it
// (Order.buyerId, Restrict): merchants and the town must keep their sales records for 10 years
// (Code de commerce, L123-22), and an order without its buyer row would break every order view.
// Policy and what the privacy notice says: docs/privacy.md.
import { fr as rightsFr } from "~/i18n/messages/rights";
import { broadcast } from "~/realtime/broadcast.server";
import { rooms } from "~/realtime/events";
import { db, type Tx } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { ORGANISER } from "./authorization.server";
import { closeSessionSockets, deleteUserSessions } from "./login-session.server";
import { scheduleSelect } from "./market-schedule.server";
import { computeMarketStatus, hasEnded, type OverrideWindow, type SessionWindow } from "./market-status";

/** Bumped when a field of the export changes meaning or goes away (added fields keep it). */
export const EXPORT_SCHEMA_VERSION = 1;

/**
 * The name a deleted account shows everywhere (orders, the organisers' logs). Stored in French,
 * the site's first language, as the one value every view already reads (User.name).
 */
export const DELETED_ACCOUNT_NAME = rightsFr["rights.deletedName"];

/** A unique address in the reserved .invalid domain (RFC 2606): no mail can reach it, no sign-up can claim it. */
export function tombstoneEmail(userId: string): string {
  return `deleted-${userId}@invalid`;
}

/** Not an argon2 hash: verifyPassword answers false for every password. */
export const TOMBSTONE_PASSWORD_HASH = "!deleted";

/** Orders that still hold stock or await money: deleting under them could lose a payment. */
const PENDING_ORDER_STATUSES = ["RESERVED", "AWAITING_PAYMENT"];
/** Stalls that still sell or wait for approval; a rejected one takes no part in its market. */
const ACTIVE_STALL_STATUSES = ["PENDING", "APPROVED"];

/** The advisory lock that serialises administrators' deletions (any fixed number; this one says "admin"). */
const ADMIN_DELETION_LOCK = 0x61646d69;

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/**
 * Everything Chalet keeps about the user, as one JSON-ready document. Never a password hash, a
 * session id (it is the session token's hash) or another person's details beyond what the user
 * saw themselves (a stall's name, a market's name). Null when there is no such live account.
 */
export async function exportAccountData(userId: string, now: Date) {
  const user = await db.user.findFirst({
    where: { id: userId, deletedAt: null },
    select: { name: true, email: true, locale: true, isAdmin: true, createdAt: true },
  });
  if (!user) return null;
  const [memberships, stalls, orders, messages, reports, mutes, basket, sessions, payoutAccount] = await Promise.all([
    db.membership.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { role: true, createdAt: true, town: { select: { name: true } } },
    }),
    db.stall.findMany({
      where: { ownerId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        name: true,
        slug: true,
        category: true,
        description: true,
        pickupDetails: true,
        status: true,
        chaletNumber: true,
        legalName: true,
        siret: true,
        legalAddress: true,
        createdAt: true,
        market: { select: { name: true } },
        products: {
          orderBy: { position: "asc" },
          select: { name: true, description: true, priceCents: true, stock: true, active: true, createdAt: true },
        },
      },
    }),
    db.order.findMany({
      where: { buyerId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        status: true,
        totalCents: true,
        refundedCents: true,
        currency: true,
        createdAt: true,
        paidAt: true,
        releasedAt: true,
        releaseReason: true,
        market: { select: { name: true } },
        lines: {
          orderBy: { id: "asc" },
          select: { name: true, unitPriceCents: true, quantity: true, status: true, stall: { select: { name: true } } },
        },
        refunds: {
          orderBy: { createdAt: "asc" },
          select: { amountCents: true, reason: true, status: true, createdAt: true },
        },
      },
    }),
    db.chatMessage.findMany({
      where: { authorId: userId },
      orderBy: { id: "asc" },
      select: {
        body: true,
        createdAt: true,
        deletedAt: true,
        stall: { select: { name: true, market: { select: { name: true } } } },
      },
    }),
    db.chatReport.findMany({
      where: { reporterId: userId },
      orderBy: { createdAt: "asc" },
      select: { reason: true, createdAt: true, messageId: true },
    }),
    db.chatMute.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { until: true, createdAt: true, market: { select: { name: true } } },
    }),
    db.basket.findUnique({
      where: { userId },
      select: {
        items: {
          orderBy: { addedAt: "asc" },
          select: {
            quantity: true,
            addedAt: true,
            product: { select: { name: true, priceCents: true, stall: { select: { name: true } } } },
          },
        },
      },
    }),
    db.loginSession.findMany({
      // Expired rows too: still stored until the next log-in clears them, so still theirs to see.
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { deviceLabel: true, createdAt: true, expiresAt: true },
    }),
    db.payoutAccount.findUnique({ where: { userId }, select: { status: true, createdAt: true } }),
  ]);
  const orderMessages = await db.orderMessage.findMany({
    where: { authorId: userId },
    orderBy: { createdAt: "asc" },
    select: { body: true, createdAt: true, order: { select: { reference: true } }, stall: { select: { name: true } } },
  });
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    account: {
      name: user.name,
      email: user.email,
      locale: user.locale,
      createdAt: user.createdAt.toISOString(),
    },
    roles: {
      administrator: user.isAdmin,
      memberships: memberships.map((m) => ({ town: m.town.name, role: m.role, since: m.createdAt.toISOString() })),
    },
    stalls: stalls.map((s) => ({
      market: s.market.name,
      name: s.name,
      slug: s.slug,
      category: s.category,
      description: s.description,
      pickupDetails: s.pickupDetails,
      status: s.status,
      chaletNumber: s.chaletNumber,
      legalName: s.legalName,
      siret: s.siret,
      legalAddress: s.legalAddress,
      createdAt: s.createdAt.toISOString(),
      products: s.products.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
    })),
    payoutAccount: payoutAccount && { status: payoutAccount.status, createdAt: payoutAccount.createdAt.toISOString() },
    orders: orders.map((o) => ({
      id: o.id,
      market: o.market.name,
      status: o.status,
      totalCents: o.totalCents,
      refundedCents: o.refundedCents,
      currency: o.currency,
      createdAt: o.createdAt.toISOString(),
      paidAt: iso(o.paidAt),
      releasedAt: iso(o.releasedAt),
      releaseReason: o.releaseReason,
      lines: o.lines.map((l) => ({
        stall: l.stall.name,
        product: l.name,
        unitPriceCents: l.unitPriceCents,
        quantity: l.quantity,
        status: l.status,
      })),
      refunds: o.refunds.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    })),
    chatMessages: messages.map((m) => ({
      market: m.stall.market.name,
      stall: m.stall.name,
      text: m.body,
      at: m.createdAt.toISOString(),
      deletedByModeration: m.deletedAt !== null,
    })),
    orderMessages: orderMessages.map((m) => ({
      order: m.order.reference,
      stall: m.stall.name,
      text: m.body,
      at: m.createdAt.toISOString(),
    })),
    chatReports: reports.map((r) => ({ messageId: r.messageId, reason: r.reason, at: r.createdAt.toISOString() })),
    chatMutes: mutes.map((m) => ({
      market: m.market.name,
      until: m.until.toISOString(),
      since: m.createdAt.toISOString(),
    })),
    basket: (basket?.items ?? []).map((i) => ({
      stall: i.product.stall.name,
      product: i.product.name,
      unitPriceCents: i.product.priceCents,
      quantity: i.quantity,
      addedAt: i.addedAt.toISOString(),
    })),
    loginSessions: sessions.map((s) => ({
      device: s.deviceLabel,
      since: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
    })),
  };
}

export type AccountExport = NonNullable<Awaited<ReturnType<typeof exportAccountData>>>;

/** Why an account cannot be deleted yet; each has its message (rights.delete.refused.*). */
export type DeletionRefusal = "stalls" | "pendingOrders" | "lastOrganiser" | "lastAdmin";

export type DeletionResult = { ok: true } | { ok: false; reason: "wrongPassword" | "gone" | DeletionRefusal };

/** Over: cancelled or archived, or every opening is past. A market with nothing scheduled yet is not over. */
export function marketEnded(
  market: { status: string; sessions: readonly SessionWindow[]; overrides: readonly OverrideWindow[] },
  now: Date,
): boolean {
  if (market.status === "ARCHIVED") return true;
  return hasEnded(computeMarketStatus(market.sessions, now, market.overrides));
}

/** The first reason the account cannot go yet, read inside the deletion's transaction (its locks held). */
async function deletionRefusal(tx: Tx, userId: string, isAdmin: boolean, now: Date): Promise<DeletionRefusal | null> {
  const stalls = await tx.stall.findMany({
    where: { ownerId: userId, status: { in: ACTIVE_STALL_STATUSES } },
    select: { market: { select: { status: true, ...scheduleSelect } } },
  });
  if (stalls.some((s) => !marketEnded(s.market, now))) return "stalls";
  if (await tx.order.count({ where: { buyerId: userId, status: { in: PENDING_ORDER_STATUSES } } })) {
    return "pendingOrders";
  }
  const towns = await tx.membership.findMany({
    where: { userId, role: ORGANISER },
    select: { townId: true },
    orderBy: { townId: "asc" },
  });
  // Locks every organiser membership of those towns, in one order (towns, then ids): two
  // organisers deleting their accounts at once are serialised, and the second finds the first
  // one's membership gone (a locked row deleted meanwhile is skipped).
  for (const { townId } of towns) {
    const organisers = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Membership" WHERE "townId" = ${townId} AND "role" = ${ORGANISER} ORDER BY "id" FOR UPDATE`;
    if (organisers.length <= 1) return "lastOrganiser";
  }
  if (isAdmin) {
    // Administrators' deletions take turns on one lock (not on each other's rows, which each
    // already holds its own of: that would deadlock); the count then sees the previous one's.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_DELETION_LOCK})`;
    const admins = await tx.user.count({ where: { isAdmin: true, deletedAt: null } });
    if (admins <= 1) return "lastAdmin";
  }
  return null;
}

/**
 * Deletes the account after its password is given again. In one transaction: the refusals
 * (a stall in a market not over, an order still reserved or awaiting its payment, the last
 * organiser of a town, the only administrator) are checked with the user row locked, then the
 * row becomes a tombstone, every log-in, the basket, password resets and sign-up requests go,
 * memberships and mutes go, and the text of every chat message the user wrote is erased
 * (soft-deleted as moderation does, so rooms show nothing of it, and its body emptied so the
 * database keeps nothing of it either). Orders, their refunds and transfers stay, pointing to the
 * tombstone. Live sockets are closed and rooms told once committed.
 */
export async function deleteAccount(userId: string, password: string, now: Date): Promise<DeletionResult> {
  const user = await db.user.findFirst({
    where: { id: userId, deletedAt: null },
    select: { email: true, passwordHash: true },
  });
  if (!user) return { ok: false, reason: "gone" };
  // Checked before the transaction: argon2 must not hold its connection and locks.
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: "wrongPassword" };

  const outcome = await db.$transaction(async (tx) => {
    // FOR UPDATE conflicts with the key-share lock an order's insert takes on its buyer: a
    // reservation under way finishes first (and is seen below), a later one waits for the tombstone.
    const [locked] = await tx.$queryRaw<{ isAdmin: boolean; passwordHash: string }[]>`
      SELECT "isAdmin", "passwordHash" FROM "User" WHERE "id" = ${userId} AND "deletedAt" IS NULL FOR UPDATE`;
    // Gone, or the password changed since it was checked (a reset in between): nothing is done.
    if (!locked || locked.passwordHash !== user.passwordHash) return { ok: false as const, reason: "gone" as const };
    const refusal = await deletionRefusal(tx, userId, locked.isAdmin, now);
    if (refusal) return { ok: false as const, reason: refusal };

    const messages = await tx.chatMessage.findMany({
      where: { authorId: userId, deletedAt: null },
      select: { id: true, stallId: true, stall: { select: { ownerId: true } } },
    });
    await tx.chatMessage.updateMany({
      where: { authorId: userId, deletedAt: null },
      data: { deletedAt: now, deletedById: userId },
    });
    await tx.chatMessage.updateMany({ where: { authorId: userId }, data: { body: "" } });
    // Nothing left to judge in reports on those messages: closed, so the organisers' list drops them.
    await tx.chatReport.updateMany({
      where: { message: { authorId: userId }, resolvedAt: null },
      data: { resolvedAt: now, resolvedById: userId },
    });
    // Order messages are private to one merchant, who keeps the order itself: they go whole.
    await tx.orderMessage.deleteMany({ where: { authorId: userId } });
    await tx.chatMute.deleteMany({ where: { userId } });
    await tx.chatRead.deleteMany({ where: { userId } });
    await tx.basket.deleteMany({ where: { userId } });
    await tx.passwordReset.deleteMany({ where: { userId } });
    await tx.signupRequest.deleteMany({ where: { email: user.email } });
    await tx.membership.deleteMany({ where: { userId } });
    const endedSessions = await deleteUserSessions(tx, userId);
    await tx.user.update({
      where: { id: userId },
      data: {
        deletedAt: now,
        name: DELETED_ACCOUNT_NAME,
        email: tombstoneEmail(userId),
        passwordHash: TOMBSTONE_PASSWORD_HASH,
        isAdmin: false,
      },
    });
    return { ok: true as const, endedSessions, messages };
  });
  if (!outcome.ok) return outcome;
  // Committed: their devices are logged out now, and open stall pages drop their messages.
  closeSessionSockets(outcome.endedSessions);
  for (const m of outcome.messages) {
    broadcast([rooms.stall(m.stallId), rooms.user(m.stall.ownerId)], "chat:deleted", {
      stallId: m.stallId,
      messageId: m.id,
    });
  }
  return { ok: true };
}
