// A stall's orders, for its owner at the counter, on a phone: paid orders arrive live at the top
// (highlighted, announced to screen readers, with a sound if the merchant turned it on), and each
// line is marked ready, collected, or refused (out of stock: the buyer is refunded and emailed).
// Every button is a form posting to this route's action, so it all works without JavaScript.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { z } from "zod";
import { plural, type MessageKey } from "~/i18n";
import { effectiveLineStatus, isRefundedLine, stallTotal } from "~/models/line-money";
import { lineNextSteps } from "~/models/merchant-order-steps";
import { DisputeBadge, type DisputeState } from "~/components/dispute-badge";
import { disputeBadges } from "~/models/dispute.server";
import { listUncollected } from "~/models/handover.server";
import { findLineStall, getStallForOrders, listStallOrders } from "~/models/merchant-orders.server";
import { setOrderLineStatus } from "~/models/order-lines.server";
import type { MerchantOrderDto, OrderLineDto } from "~/realtime/events";
import { LiveDot } from "~/components/live-dot";
import { slotLabel } from "~/models/pickup";
import { UncollectedList } from "~/components/pickup-code/uncollected-list";
import { AlertSettingsCard } from "~/components/merchant/alert-settings-card";
import { MerchantOrderThread } from "~/components/order-thread/route-threads";
import { listStallThreads } from "~/models/order-messages.server";
import { useInboxAlerts, type AlertSettings } from "~/realtime/use-merchant-inbox";
import { useStallOrders } from "~/realtime/use-stall-orders";
import { requireStallOwner } from "~/utils/auth.server";
import { formatDateTime, formatPrice } from "~/utils/format";
import { formFailure, readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStallOwner(request, params.stallId!);
  const [stall, list, uncollected, { t }] = await Promise.all([
    getStallForOrders(user.id, params.stallId!),
    listStallOrders(params.stallId!),
    listUncollected({ stallId: params.stallId! }, context.now()),
    getTranslator(request),
  ]);
  if (!stall) throw new Response("Not found", { status: 404 });
  const disputes = await disputeBadges(list.orders.map((o) => o.orderId));
  return {
    title: `${t("orders.merchant.title")} · ${stall.name} · Chalet`,
    stall: { id: stall.id, name: stall.name, timezone: stall.market.timezone },
    ...list,
    disputes: Object.fromEntries(disputes) as Record<string, DisputeState>,
    uncollected,
    orderThreads: await listStallThreads(stall.id, list.orders),
  };
}

const STEPS = ["READY", "COLLECTED", "REFUSED"] as const;
type Step = (typeof STEPS)[number];

const lineActionSchema = z.object({
  lineId: z.string({ required_error: "orders.error.notFound" }).min(1).max(64, "orders.error.notFound"),
  status: z.enum(STEPS, { errorMap: () => ({ message: "form.invalidChoice" }) }),
});

type Done = { ok: true; lineId: string; status: Step; quantity: number; name: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const stallId = params.stallId!;
  const user = await requireStallOwner(request, stallId);
  const parsed = validateForm(await readForm(request), lineActionSchema);
  if (!parsed.ok) return parsed.response;
  const { lineId, status } = parsed.value;
  // A line of another stall, even one this merchant also owns, is "not found" on this page.
  const line = await findLineStall(lineId);
  if (line?.stallId !== stallId) return formFailure({}, "orders.error.notFound", 404);
  const result = await setOrderLineStatus({ lineId, merchantId: user.id, status, now: context.now() });
  if (!result.ok) {
    const failure = LINE_FAILURES[result.reason];
    return formFailure({}, failure.message, failure.status);
  }
  return data<Done>({ ok: true, lineId, status, quantity: line.quantity, name: line.name });
}

const LINE_FAILURES: Record<
  "notFound" | "orderNotPaid" | "disputeOpen" | "invalidTransition",
  { message: MessageKey; status: number }
> = {
  notFound: { message: "orders.error.notFound", status: 404 },
  // The page was stale: the order was refunded, or the line moved on in another tab.
  orderNotPaid: { message: "orders.error.notPaid", status: 409 },
  disputeOpen: { message: "orders.error.disputeOpen", status: 409 },
  invalidTransition: { message: "orders.error.step", status: 409 },
};

/** After a refusal the page may be stale (someone else acted): show the list as it is now. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || actionStatus === 404 || defaultShouldRevalidate;

/** Kept on the device; off until the merchant turns it on (a stall is a noisy place, or a quiet one). */
const ORDER_ALERTS: AlertSettings = { storageKey: "chalet.orders.alerts", defaults: { sound: false, vibrate: false } };

const COUNTED = ["RESERVED", "READY", "COLLECTED", "REFUSED"] as const;

export default function StallOrders() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormErrors | Done | undefined;
  const t = useT();
  const locale = useLocale();
  const { stall, counts, more } = loaderData;
  const price = useCallback((cents: number) => formatPrice(cents, locale), [locale]);

  const alerts = useInboxAlerts(ORDER_ALERTS);
  const { alert } = alerts;
  const [announcement, setAnnouncement] = useState("");
  const onNewOrder = useCallback(
    (order: MerchantOrderDto) => {
      const items = order.lines.reduce((n, line) => n + line.quantity, 0);
      const text = plural(t, "orders.announce.new", items, { name: order.buyer.name, amount: price(order.totalCents) });
      setAnnouncement(text);
      alert(
        t("orders.notification.title", { stall: stall.name }),
        text,
        `order-${order.orderId}`,
        window.location.pathname,
      );
    },
    [alert, price, stall.name, t],
  );
  // One identity per load: the hook takes a new array as "the server's rows changed".
  const loaded = useMemo(() => loaderData.orders, [loaderData]);
  const live = useStallOrders(stall.id, loaded, onNewOrder);

  const done = actionData && "ok" in actionData ? actionData : null;
  const failure = actionData && "errors" in actionData ? actionData : null;

  return (
    <section aria-labelledby="orders-title">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 id="orders-title" className="font-display text-3xl text-fir-800">
          {t("orders.merchant.title")}
        </h1>
        <LiveDot
          connected={live.connected}
          offline={live.offline}
          labels={{ live: "orders.merchant.live", offline: "orders.merchant.offline" }}
        />
      </div>
      <p className="mt-1 text-bark">{t("orders.merchant.intro")}</p>
      <p className="mt-3">
        <Link
          to={`/merchant/stalls/${stall.id}/handover`}
          className="inline-flex min-h-12 items-center gap-2 rounded-full bg-wine-700 px-5 font-semibold text-snow hover:bg-wine-800"
        >
          <span aria-hidden="true">📷</span>
          {t("collect.handover.link")}
        </Link>
      </p>
      <UncollectedList orders={loaderData.uncollected} timezone={stall.timezone} showStall={false} />

      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {/* Without JavaScript the forms post here and the answer comes back with the page. */}
      <div aria-live="polite">
        {done ? (
          <p
            role="status"
            className="mt-3 rounded-lg border border-fir-600 bg-fir-50 px-3 py-2 font-semibold text-fir-900"
          >
            {t(`orders.done.${done.status}`, { quantity: done.quantity, name: done.name })}
          </p>
        ) : null}
        {failure ? (
          <p
            role="alert"
            className="mt-3 rounded-lg border border-wine-600 bg-wine-50 px-3 py-2 font-semibold text-wine-800"
          >
            {t((failure.formError ?? Object.values(failure.errors)[0]?.[0] ?? "form.fixErrors") as MessageKey)}
          </p>
        ) : null}
      </div>

      <h2 className="sr-only">{t("orders.merchant.counts")}</h2>
      <ul className="mt-4 grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="order-counts">
        {COUNTED.map((status) => (
          <li key={status} className="rounded-xl bg-white px-3 py-2 shadow-sm ring-1 ring-fir-600/20">
            <span className="block text-2xl font-bold text-fir-900 tabular-nums">
              {status === "REFUSED" ? counts.REFUSED + counts.REFUNDED : counts[status]}
            </span>
            <span className="text-sm text-bark">{t(`orders.count.${status}`)}</span>
          </li>
        ))}
      </ul>

      {live.orders.length === 0 ? (
        <p className="mt-4 rounded-lg bg-gold-100 px-4 py-3">{t("orders.merchant.none")}</p>
      ) : (
        <ul className="mt-4 space-y-3" aria-label={t("orders.merchant.title")}>
          {live.orders.map((order) => (
            <li key={order.orderId}>
              <OrderCard
                order={order}
                dispute={loaderData.disputes[order.orderId] ?? null}
                fresh={live.fresh.has(order.orderId)}
                onHandled={live.handled}
                onDone={setAnnouncement}
                when={(iso) => formatDateTime(iso, stall.timezone, locale)}
                pickup={
                  order.pickup ? `${slotLabel(order.pickup, stall.timezone, locale)}, ${order.pickup.point}` : null
                }
                price={price}
              />
            </li>
          ))}
        </ul>
      )}
      {more ? <p className="mt-3 text-sm text-bark">{t("orders.merchant.more", { n: live.orders.length })}</p> : null}

      <AlertSettingsCard
        alerts={alerts}
        id="orders-alerts"
        labels={{
          title: "orders.alerts.title",
          sound: "orders.alerts.sound",
          vibrate: "orders.alerts.vibrate",
          vibrateUnsupported: "orders.alerts.vibrateUnsupported",
        }}
      >
        <p className="text-sm text-bark">{t("orders.alerts.hint")}</p>
      </AlertSettingsCard>
    </section>
  );
}

function OrderCard({
  order,
  dispute,
  fresh,
  onHandled,
  onDone,
  when,
  pickup,
  price,
}: {
  order: MerchantOrderDto;
  dispute: DisputeState | null;
  fresh: boolean;
  onHandled: (orderId: string) => void;
  onDone: (announcement: string) => void;
  when: (iso: string) => string;
  /** The buyer's pickup slot and point, as the merchant reads them; null without one. */
  pickup: string | null;
  price: (cents: number) => string;
}) {
  const t = useT();
  const heading = `order-${order.orderId}`;
  return (
    <article
      aria-labelledby={heading}
      data-order-id={order.orderId}
      data-fresh={fresh ? "true" : undefined}
      className={`rounded-2xl p-4 shadow-sm ${fresh ? "bg-gold-100 ring-2 ring-gold-600" : "bg-white ring-1 ring-fir-600/20"}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        {/* The reference first and large: the buyer reads it out or shows it at the counter. */}
        <h3 id={heading} className="break-words text-fir-900">
          <span className="block font-mono text-3xl font-bold tracking-wider text-wine-800">{order.reference}</span>
          <span className="block text-xl font-semibold">{t("orders.order.heading", { name: order.buyer.name })}</span>
        </h3>
        {fresh ? (
          <span className="rounded-full bg-gold-300 px-2 py-0.5 text-xs font-bold text-bark">
            {t("orders.order.new")}
          </span>
        ) : null}
        {order.status === "REFUNDED" ? (
          <span className="rounded-full bg-gray-200 px-2 py-0.5 text-xs font-bold text-gray-800">
            {t("orders.order.refunded")}
          </span>
        ) : null}
        <DisputeBadge state={dispute} />
      </div>
      {dispute === "open" ? <p className="mt-1 text-sm text-bark">{t("disputes.badge.openHint")}</p> : null}
      {order.paidAt ? (
        <p className="text-sm text-bark">
          <time dateTime={order.paidAt}>{t("orders.order.paidAt", { when: when(order.paidAt) })}</time>
        </p>
      ) : null}
      {pickup ? <p className="mt-1 font-semibold text-fir-900">{t("pickup.card.slot", { slot: pickup })}</p> : null}
      <ul className="mt-3 divide-y divide-fir-100" aria-label={t("orders.order.lines", { name: order.buyer.name })}>
        {order.lines.map((line) => (
          <li key={line.id} className="py-3" data-line-id={line.id} data-status={line.status}>
            <LineRow order={order} line={line} price={price} onHandled={onHandled} onDone={onDone} />
          </li>
        ))}
      </ul>
      <OrderTotal order={order} price={price} />
      <MerchantOrderThread order={order} />
    </article>
  );
}

/**
 * The stall's total as it stands: after a refund, what was paid and what went back on a line of
 * its own (it reads whole on a phone), then what is left.
 */
function OrderTotal({ order, price }: { order: MerchantOrderDto; price: (cents: number) => string }) {
  const t = useT();
  const total = stallTotal(order.status, order.lines);
  return (
    <div className="mt-2 border-t border-fir-100 pt-2 text-right tabular-nums" data-testid="order-total">
      {total.refundedCents > 0 ? (
        <p className="text-sm text-bark">
          {t("orders.order.refundedPart", { gross: price(total.grossCents), refunded: price(total.refundedCents) })}
        </p>
      ) : null}
      <p className="font-semibold text-fir-900">{t("orders.order.total", { amount: price(total.netCents) })}</p>
    </div>
  );
}

const lineStatusStyles: Record<string, string> = {
  RESERVED: "bg-gold-100 text-bark ring-gold-600",
  READY: "bg-fir-700 text-snow ring-fir-800",
  COLLECTED: "bg-fir-50 text-fir-900 ring-fir-600/40",
  REFUSED: "bg-wine-50 text-wine-800 ring-wine-600",
  REFUNDED: "bg-gray-100 text-gray-800 ring-gray-400",
  RELEASED: "bg-gray-100 text-gray-800 ring-gray-400",
};

const stepButton: Record<Step, string> = {
  READY: "bg-fir-700 text-snow hover:bg-fir-800",
  COLLECTED: "bg-white text-fir-800 ring-2 ring-fir-700 hover:bg-fir-50",
  REFUSED: "bg-white text-wine-700 ring-2 ring-wine-700 hover:bg-wine-50",
};

function LineRow({
  order,
  line,
  price,
  onHandled,
  onDone,
}: {
  order: MerchantOrderDto;
  line: OrderLineDto;
  price: (cents: number) => string;
  onHandled: (orderId: string) => void;
  onDone: (announcement: string) => void;
}) {
  const t = useT();
  const fetcher = useFetcher<typeof action>({ key: `line-${line.id}` });
  const busy = fetcher.state !== "idle";
  const answer = fetcher.data as FormErrors | Done | undefined;
  const failure = answer && "errors" in answer ? answer : null;
  const badge = useRef<HTMLSpanElement>(null);
  const handled = useRef<unknown>(null);
  // Once the step is done (and the list reloaded): say so, and if the button pressed is gone
  // (a step is shown once), put focus on the line's next step, or on its new status.
  useEffect(() => {
    if (fetcher.state !== "idle" || !answer || !("ok" in answer) || handled.current === answer) return;
    handled.current = answer;
    onDone(t(`orders.done.${answer.status}`, { quantity: answer.quantity, name: answer.name }));
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const row = badge.current?.closest("li");
    (row?.querySelector<HTMLElement>("button, summary") ?? badge.current)?.focus();
  }, [fetcher.state, answer, onDone, t]);
  const steps = lineNextSteps(order.status, line.status);
  const amount = price(line.quantity * line.unitPriceCents);
  const who = t("orders.action.for", { quantity: line.quantity, name: line.name, buyer: order.buyer.name });
  const confirmId = `refuse-${line.id}`;
  const form = (step: Step, label: string, className: string) => (
    <fetcher.Form method="post" onSubmit={() => onHandled(order.orderId)}>
      <input type="hidden" name="lineId" value={line.id} />
      <button
        type="submit"
        name="status"
        value={step}
        disabled={busy}
        aria-busy={busy || undefined}
        className={`inline-flex min-h-12 items-center justify-center rounded-full px-4 font-semibold disabled:opacity-60 ${className}`}
      >
        {label}
        <span className="sr-only"> : {who}</span>
      </button>
    </fetcher.Form>
  );
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <p className="min-w-0 text-lg break-words text-fir-900">
          <span className="font-semibold">{t("orders.line.quantity", { n: line.quantity, name: line.name })}</span>
          {/* A refused or refunded line is struck through: it no longer counts in the total. */}
          <span
            className={`ml-2 text-sm text-bark tabular-nums ${isRefundedLine(effectiveLineStatus(order.status, line.status)) ? "line-through" : ""}`}
          >
            {amount}
          </span>
        </p>
        <span
          ref={badge}
          tabIndex={-1}
          className={`shrink-0 rounded-full px-2.5 py-0.5 text-sm font-semibold ring-1 ${lineStatusStyles[line.status] ?? lineStatusStyles.RESERVED}`}
        >
          {t(`orders.line.${line.status}` as MessageKey)}
        </span>
      </div>
      {steps.length > 0 ? (
        <div className="mt-2 flex flex-wrap items-start gap-2">
          {steps.includes("READY") ? form("READY", t("orders.action.READY"), stepButton.READY) : null}
          {steps.includes("COLLECTED") ? form("COLLECTED", t("orders.action.COLLECTED"), stepButton.COLLECTED) : null}
          {steps.includes("REFUSED") ? (
            // A native disclosure: the confirmation opens without JavaScript and with the keyboard.
            <details className="group w-full sm:w-auto">
              <summary
                className={`inline-flex min-h-12 cursor-pointer list-none items-center justify-center rounded-full px-4 font-semibold [&::-webkit-details-marker]:hidden ${stepButton.REFUSED}`}
              >
                {t("orders.action.REFUSED")}
                <span className="sr-only"> : {who}</span>
              </summary>
              <div
                role="group"
                aria-labelledby={confirmId}
                className="mt-2 rounded-xl border-2 border-wine-600 bg-wine-50 p-3"
              >
                <p id={confirmId} className="font-semibold text-wine-800">
                  {t("orders.refuse.title", { quantity: line.quantity, name: line.name })}
                </p>
                <p className="mt-1 text-sm text-bark">{t("orders.refuse.text", { buyer: order.buyer.name, amount })}</p>
                <div className="mt-2">
                  {form("REFUSED", t("orders.refuse.confirm"), "bg-wine-700 text-snow hover:bg-wine-800")}
                </div>
              </div>
            </details>
          ) : null}
        </div>
      ) : null}
      {failure ? (
        <p role="alert" className="mt-2 text-sm font-semibold text-wine-800">
          {t((failure.formError ?? "form.fixErrors") as MessageKey)}
        </p>
      ) : null}
    </>
  );
}
