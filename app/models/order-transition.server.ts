// The one way an order's or a line's status changes once it exists: a conditional UPDATE whose
// WHERE allows exactly the "from" statuses of ORDER_TRANSITIONS / ORDER_LINE_TRANSITIONS
// (order-status.ts). A transition the table forbids matches no row, so it cannot be written by
// mistake; of two racers the UPDATE lets one win (the other waits for its row lock, then no
// longer matches). Creating an order RESERVED (the reservation's INSERT) is not a transition.
import type { Db, Prisma, Tx } from "~/utils/db.server";
import {
  allowedFrom,
  ORDER_LINE_TRANSITIONS,
  ORDER_TRANSITIONS,
  type OrderLineStatus,
  type OrderStatus,
} from "./order-status";

/** `only` narrows the table's "from" statuses for one caller; naming one the table forbids is a bug. */
function fromStatuses<S extends string>(table: Readonly<Record<S, readonly S[]>>, to: S, only?: readonly S[]): S[] {
  const allowed = allowedFrom(table, to);
  if (!only) return allowed;
  const forbidden = only.filter((from) => !allowed.includes(from));
  if (forbidden.length) throw new Error(`not a transition: ${forbidden.join(", ")} → ${to}`);
  return [...only];
}

/**
 * The order `orderId` → `to`, from any status the table allows (or only from `from`), when it
 * also matches `where`; writes `data` with it and bumps Order.version. True when this call won.
 */
export async function transitionOrder(
  client: Tx | Db,
  orderId: string,
  to: OrderStatus,
  options: {
    from?: readonly OrderStatus[];
    where?: Omit<Prisma.OrderWhereInput, "id" | "status">;
    data?: Omit<Prisma.OrderUpdateManyMutationInput, "status" | "version">;
  } = {},
): Promise<boolean> {
  const won = await client.order.updateMany({
    where: { ...options.where, id: orderId, status: { in: fromStatuses(ORDER_TRANSITIONS, to, options.from) } },
    data: { ...options.data, status: to, version: { increment: 1 } },
  });
  return won.count === 1;
}

/**
 * The lines matched by `lines` (one line, every line of an order, or an order's lines of one
 * stall) → `to`, each from a status the table allows (or only from `from`), writing `data` with
 * it. Returns how many changed. The caller bumps the order's version (it already holds the
 * order's row, or transitions it in the same transaction).
 */
export async function transitionOrderLines(
  client: Tx | Db,
  lines: { id: string } | { orderId: string; stallId?: string },
  to: OrderLineStatus,
  options: {
    from?: readonly OrderLineStatus[];
    data?: Omit<Prisma.OrderLineUpdateManyMutationInput, "status">;
  } = {},
): Promise<number> {
  const changed = await client.orderLine.updateMany({
    where: { ...lines, status: { in: fromStatuses(ORDER_LINE_TRANSITIONS, to, options.from) } },
    data: { ...options.data, status: to },
  });
  return changed.count;
}
