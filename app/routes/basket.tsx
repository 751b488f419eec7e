import {
  data,
  redirect,
  redirectDocument,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, type RefObject } from "react";
import { closedReason } from "~/components/shop/shop-text";
import type { Translate } from "~/i18n";
import {
  basketOwner,
  basketOwnerForWrite,
  changeBasketItem,
  getBasket,
  removeBasketItem,
  type BasketItemView,
  type BasketMarketView,
} from "~/models/basket.server";
import { startCheckout } from "~/models/checkout.server";
import { getPickupChoice } from "~/models/pickup.server";
import { PickupChoiceFields, type PickupChoiceView } from "~/components/pickup/pickup-choice";
import { QUANTITY_MAX } from "~/models/order-status";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { formatPrice } from "~/utils/format";
import { readForm } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { absoluteUrl } from "~/utils/url.server";
import { useLiveStock, type LiveLevel } from "~/realtime/use-live-stock";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const now = context.now();
  const [user, { t }] = await Promise.all([getUser(request), getTranslator(request)]);
  const basket = await getBasket(await basketOwner(request, user?.id ?? null), now);
  // Each market's pickup choice (null: the market has no pickup point, checkout needs no slot).
  const pickup = Object.fromEntries(
    await Promise.all(basket.markets.map(async (m) => [m.id, await getPickupChoice(m.id, m.stalls, now)] as const)),
  );
  return {
    title: `${t("shop.basket.title")} · Chalet`,
    basket,
    pickup,
    loggedIn: Boolean(user),
    serverNow: now.toISOString(),
    cancelled: new URL(request.url).searchParams.get("cancelled") === "1",
  };
}

export type Notice = { tone: "error" | "success" | "info"; text: string; items?: string[] };
export type BasketActionData = { ok: boolean; notice: Notice; productId?: string; quantity?: number };

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

function reply(result: BasketActionData, status: number, setCookie: string | null = null) {
  return data(result, { status, headers: setCookie ? { "Set-Cookie": setCookie } : undefined });
}

function parseQuantity(value: FormDataEntryValue | null, fallback: number | null): number | null {
  if (value === null || value === "") return fallback;
  if (typeof value !== "string" || !/^\d{1,3}$/.test(value.trim())) return null;
  return Number(value.trim());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const now = context.now();
  const form = await readForm(request);
  const [user, { t, locale }] = await Promise.all([getUser(request), getTranslator(request)]);
  const intent = form.get("intent");
  const productId = form.get("productId");
  const fail = (text: string, status = 400, items?: string[]) =>
    reply({ ok: false, notice: { tone: "error", text, items } }, status);

  if (intent === "checkout") {
    const marketId = form.get("marketId");
    if (typeof marketId !== "string" || !ID_RE.test(marketId)) return fail(t("shop.notice.badMarket"));
    if (!user) throw redirect(`/login?redirectTo=${encodeURIComponent("/basket")}`);
    const slot = form.get("pickupSlotId");
    if (slot !== null && (typeof slot !== "string" || !ID_RE.test(slot))) return fail(t("pickup.notice.slotInvalid"));
    const result = await startCheckout({
      buyer: { id: user.id, email: user.email, locale },
      marketId,
      now,
      origin: absoluteUrl(request, "/"),
      pickupSlotId: slot,
    });
    // The hosted payment page is another site (or the sandbox, not a Remix route): a full page load.
    if (result.ok) return redirectDocument(result.url, 303);
    switch (result.reason) {
      case "pending":
        return redirectDocument(result.url, 303);
      case "empty":
        return fail(t("shop.notice.badMarket"), 404);
      case "invalid":
        return fail(t("shop.notice.checkoutInvalid"));
      case "payment":
        return fail(t("shop.notice.checkoutPayment"), 503);
      case "cannotTakeOrders":
        return fail(t("shop.notice.checkoutCannotTakeOrders"), 409, result.stallNames);
      case "slotRequired":
        return fail(t("pickup.notice.slotRequired"));
      case "slotFull":
      case "slotPast":
      case "slotInvalid":
        return fail(t(`pickup.notice.${result.reason}`), 409);
      case "insufficientStock":
        return fail(
          t("shop.notice.short"),
          409,
          result.short.map((s) =>
            t(s.available > 0 ? "shop.notice.shortLine" : "shop.notice.shortLineNone", {
              name: s.name,
              requested: s.requested,
              available: s.available,
            }),
          ),
        );
    }
    // The basket's names and the market's time zone, for the two refusals that name things.
    const market = (await getBasket({ userId: user.id }, now)).markets.find((m) => m.id === marketId);
    if (result.reason === "marketClosed") {
      const reason = closedReason(result.status, market?.timezone ?? "Europe/Paris", locale, now, t);
      return fail(t("shop.notice.checkoutClosed", { reason }), 409);
    }
    const names = new Map(market?.stalls.flatMap((s) => s.items.map((i) => [i.productId, i.name] as const)));
    return fail(
      t("shop.notice.checkoutUnavailable"),
      409,
      result.productIds.map((id) => names.get(id) ?? id),
    );
  }

  if (intent !== "add" && intent !== "set" && intent !== "remove") return fail(t("shop.notice.badIntent"));
  if (typeof productId !== "string" || !ID_RE.test(productId)) return fail(t("shop.notice.badProduct"));

  if (intent === "remove") {
    const removed = await removeBasketItem(await basketOwner(request, user?.id ?? null), productId);
    const name = removed.ok ? removed.name : productId;
    const notice: Notice = { tone: "info", text: t("shop.notice.removed", { name }) };
    return reply({ ok: true, productId, quantity: 0, notice }, 200);
  }

  const min = intent === "add" ? 1 : 0;
  const quantity = parseQuantity(form.get("quantity"), intent === "add" ? 1 : null);
  if (quantity === null || quantity < min || quantity > QUANTITY_MAX) {
    return fail(t("shop.notice.badQuantity", { min, max: QUANTITY_MAX }));
  }
  const { owner, setCookie } = await basketOwnerForWrite(request, user?.id ?? null);
  const result = await changeBasketItem({ owner, productId, quantity, mode: intent, now });
  if (!result.ok) {
    switch (result.reason) {
      case "invalid":
        return fail(t("shop.notice.badQuantity", { min, max: QUANTITY_MAX }));
      case "unavailable":
        return fail(t("shop.notice.unavailable"), 404);
      case "soldOut":
        return fail(t("shop.notice.soldOut"), 409);
      case "cannotTakeOrders":
        return fail(t("shop.notice.cannotTakeOrders", { stall: result.stallName }), 409);
      case "tooManyLines":
        return fail(t("shop.notice.tooManyLines", { max: result.max }), 409);
      case "marketClosed":
        return fail(
          t("shop.notice.marketClosed", { reason: closedReason(result.status, result.timezone, locale, now, t) }),
          409,
        );
    }
  }
  // A visitor without JavaScript goes back to the page they added from; with it, the card stays put.
  const redirectTo = form.get("redirectTo");
  if (intent === "add" && form.get("stay") !== "1" && typeof redirectTo === "string") {
    return redirect(safeRedirect(redirectTo, "/basket"), {
      status: 303,
      headers: setCookie ? { "Set-Cookie": setCookie } : {},
    });
  }
  const key =
    result.quantity === 0
      ? "shop.notice.removed"
      : result.capped
        ? "shop.notice.capped"
        : intent === "add"
          ? "shop.notice.added"
          : "shop.notice.updated";
  return reply(
    {
      ok: true,
      productId,
      quantity: result.quantity,
      notice: {
        tone: result.capped ? "info" : "success",
        text: t(key, { name: result.name, quantity: result.quantity }),
      },
    },
    200,
    setCookie,
  );
}

// ---------------------------------------------------------------------------------------------

/**
 * After a change the element that had focus may be gone (the line removed, the quantity field
 * drawn again with the new value): focus then goes back to that product's quantity field, or to
 * the notice that says what happened, never to the top of the page.
 */
function useFocusAfterAction(actionData: BasketActionData | undefined, notice: RefObject<HTMLDivElement>) {
  // The action's answer arrives while the page's data is still reloading: wait for the new page.
  const idle = useNavigation().state === "idle";
  const handled = useRef<BasketActionData | undefined>(undefined);
  useEffect(() => {
    if (!idle || !actionData || handled.current === actionData) return;
    handled.current = actionData;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const field = actionData.productId ? document.getElementById(`qty-${actionData.productId}`) : null;
    (field ?? notice.current)?.focus();
  }, [idle, actionData, notice]);
}

export default function BasketPage() {
  const { basket, pickup, loggedIn, serverNow, cancelled } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const noticeRef = useRef<HTMLDivElement>(null);
  useFocusAfterAction(actionData, noticeRef);
  const notice: Notice | null =
    actionData?.notice ?? (cancelled ? { tone: "info", text: t("shop.basket.cancelled") } : null);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="font-display text-3xl font-bold text-fir-900 sm:text-4xl">{t("shop.basket.title")}</h1>
      <Notices notice={notice} focusRef={noticeRef} />

      {basket.markets.length === 0 ? (
        <section className="rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-bark/10">
          <p className="text-lg font-semibold text-fir-900">{t("shop.basket.empty")}</p>
          <p className="mt-1 text-bark/85">{t("shop.basket.emptyHint")}</p>
          <Link
            to="/"
            className="mt-4 inline-flex min-h-11 items-center rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow hover:bg-fir-800"
          >
            {t("shop.basket.browse")}
          </Link>
        </section>
      ) : (
        <>
          <p className="text-bark/90">
            {t("shop.basket.intro")} {basket.markets.length > 1 ? t("shop.basket.perMarket") : null}
          </p>
          {loggedIn ? null : (
            <p className="rounded-xl bg-gold-100 p-4 font-semibold text-bark ring-1 ring-gold-600/20">
              {t("shop.basket.loginToPay")}
            </p>
          )}
          {basket.markets.map((market) => (
            <MarketBasket
              key={market.id}
              market={market}
              pickup={pickup[market.id] ?? null}
              loggedIn={loggedIn}
              serverNow={serverNow}
            />
          ))}
        </>
      )}
    </div>
  );
}

/**
 * Both live regions stay in the page so that screen readers hear each new notice (a region
 * inserted together with its text is often not read): errors as an alert, the rest politely.
 */
function Notices({ notice, focusRef }: { notice: Notice | null; focusRef: RefObject<HTMLDivElement> }) {
  const error = notice?.tone === "error" ? notice : null;
  const status = notice && notice.tone !== "error" ? notice : null;
  return (
    <div
      ref={focusRef}
      tabIndex={-1}
      // Out of the layout while silent (the regions themselves must stay), so no empty gap shows.
      className={notice ? "space-y-2 focus:outline-none" : "sr-only"}
      data-testid="basket-notices"
    >
      <div role="alert">{error ? <NoticeBox notice={error} /> : null}</div>
      <div role="status">{status ? <NoticeBox notice={status} /> : null}</div>
    </div>
  );
}

export function NoticeBox({ notice }: { notice: Notice }) {
  const tones = {
    error: "border-wine-600 bg-wine-50 text-wine-800",
    success: "border-fir-600 bg-fir-50 text-fir-800",
    info: "border-gold-600 bg-gold-100 text-bark",
  } as const;
  return (
    <div className={`rounded-xl border px-4 py-3 ${tones[notice.tone]}`}>
      <p className="font-semibold">{notice.text}</p>
      {notice.items?.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {notice.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function MarketBasket(props: {
  market: BasketMarketView;
  pickup: PickupChoiceView | null;
  loggedIn: boolean;
  serverNow: string;
}) {
  const { loggedIn, serverNow, pickup } = props;
  const t = useT();
  const market = useLiveMarket(props.market);
  const locale = useLocale();
  const navigation = useNavigation();
  const paying =
    navigation.state !== "idle" &&
    navigation.formData?.get("intent") === "checkout" &&
    navigation.formData.get("marketId") === market.id;
  const titleId = `market-${market.id}`;
  const closed = !market.status.open;
  // No point that every stall of the basket uses: nothing to book, the buyer splits the basket.
  const noPickup = pickup !== null && pickup.points.length === 0;
  return (
    <section aria-labelledby={titleId} className="overflow-hidden rounded-3xl bg-white shadow-md ring-1 ring-bark/10">
      <header className="flex flex-wrap items-center justify-between gap-2 bg-fir-50 px-4 py-3 sm:px-6">
        <h2 id={titleId} className="font-display text-xl font-bold text-fir-900">
          <Link to={`/m/${market.slug}`} className="underline-offset-4 hover:underline">
            {market.name}
          </Link>
        </h2>
        <span
          className={`rounded-full px-3 py-0.5 text-sm font-semibold ${closed ? "bg-stone-200 text-bark" : "bg-fir-700 text-snow"}`}
        >
          {closed ? t("shop.basket.marketClosed") : t("shop.basket.marketOpen")}
        </span>
      </header>
      <div className="divide-y divide-fir-100">
        {market.stalls.map((stall) => (
          <div key={stall.id} className="px-4 py-4 sm:px-6">
            <h3 className="font-display text-lg font-bold text-wine-700">
              <Link to={`/m/${market.slug}/${stall.slug}`} className="underline-offset-4 hover:underline">
                {stall.name}
              </Link>
            </h3>
            {stall.canTakeOrders ? null : (
              <p className="mt-1 rounded-lg bg-wine-50 px-3 py-2 text-sm font-semibold text-wine-800" role="note">
                {t("shop.basket.warn.cannotTakeOrders")}
              </p>
            )}
            <ul className="mt-2 space-y-4">
              {stall.items.map((item) => (
                <BasketLineItem key={item.productId} item={item} />
              ))}
            </ul>
          </div>
        ))}
      </div>
      <footer className="space-y-3 border-t border-fir-100 bg-snow px-4 py-4 sm:px-6">
        <p className="flex items-baseline justify-between text-lg">
          <span className="font-semibold text-fir-900">
            {t("shop.basket.total")}{" "}
            <span className="text-sm font-normal text-bark/80">
              ({market.count === 1 ? t("shop.basket.oneItem") : t("shop.basket.items", { count: market.count })})
            </span>
          </span>
          <span className="font-bold text-wine-700">{formatPrice(market.totalCents, locale)}</span>
        </p>
        {closed ? (
          <p className="rounded-lg bg-stone-100 px-3 py-2 text-bark" id={`${titleId}-why`}>
            {t("shop.basket.payClosed", {
              reason: closedReason(market.status, market.timezone, locale, new Date(serverNow), t),
            })}
          </p>
        ) : market.blocked ? (
          <p className="rounded-lg bg-wine-50 px-3 py-2 text-wine-800" id={`${titleId}-why`}>
            {t("shop.basket.payBlocked")}
          </p>
        ) : null}
        <Form method="post" className="space-y-4">
          <input type="hidden" name="intent" value="checkout" />
          <input type="hidden" name="marketId" value={market.id} />
          {pickup && loggedIn ? (
            <PickupChoiceFields choice={pickup} marketId={market.id} timezone={market.timezone} />
          ) : null}
          <button
            type="submit"
            disabled={closed || paying || (noPickup && loggedIn)}
            aria-describedby={closed || market.blocked ? `${titleId}-why` : undefined}
            aria-busy={paying || undefined}
            className="inline-flex min-h-12 w-full items-center justify-center rounded-full bg-wine-700 px-6 py-2 text-lg font-bold text-snow hover:bg-wine-800 disabled:cursor-not-allowed disabled:bg-stone-300 disabled:text-bark sm:w-auto"
          >
            {loggedIn
              ? t("shop.basket.pay", { total: formatPrice(market.totalCents, locale) })
              : t("shop.basket.payLogin")}
          </button>
        </Form>
      </footer>
    </section>
  );
}

/** The market's lines with the stock as it is now (stock:updated), and their warnings recomputed. */
function useLiveMarket(market: BasketMarketView): BasketMarketView {
  const known = useMemo(
    () =>
      market.stalls.flatMap((s) =>
        s.items.map((i) => ({ productId: i.productId, stock: i.stock, stockVersion: i.stockVersion })),
      ),
    [market],
  );
  const liveStock = useLiveStock(market.id, known);
  const stalls = market.stalls.map((stall) => ({
    ...stall,
    items: stall.items.map((item) => withLevel(item, liveStock(item.productId))),
  }));
  return {
    ...market,
    stalls,
    blocked: stalls.some((s) => !s.canTakeOrders || s.items.some((i) => i.warning)),
  };
}

function withLevel(item: BasketItemView, level: LiveLevel | undefined): BasketItemView {
  if (!level || level.stockVersion <= item.stockVersion) return item;
  const warning = !item.available
    ? "unavailable"
    : level.stock <= 0
      ? "soldOut"
      : level.stock < item.quantity
        ? "short"
        : null;
  return { ...item, stock: level.stock, stockVersion: level.stockVersion, warning };
}

const smallButton =
  "inline-flex size-11 items-center justify-center rounded-full bg-white text-xl font-bold text-fir-800 ring-1 ring-fir-600/40 hover:bg-fir-50 disabled:opacity-40";

function BasketLineItem({ item }: { item: BasketItemView }) {
  const t = useT();
  const locale = useLocale();
  const max = Math.min(QUANTITY_MAX, Math.max(item.stock, 1));
  const inputId = `qty-${item.productId}`;
  const warning = warningText(t, item);
  return (
    <li className="flex gap-3" data-basket-product={item.productId} data-stock={item.stock}>
      <div className="size-16 shrink-0 overflow-hidden rounded-xl bg-gold-100 sm:size-20">
        {item.photo ? (
          <img src={item.photo.thumbSrc} alt="" width={80} height={80} className="size-full object-cover" />
        ) : null}
      </div>
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3">
          <p className="font-semibold text-fir-900">{item.name}</p>
          <p className="font-bold text-wine-700">{formatPrice(item.lineCents, locale)}</p>
        </div>
        <p className="text-sm text-bark/80">
          {t("shop.basket.unitPrice", { price: formatPrice(item.priceCents, locale) })}
        </p>
        <div aria-live="polite">
          {warning ? (
            <p
              className="rounded-lg bg-wine-50 px-2 py-1 text-sm font-semibold text-wine-800"
              data-testid="basket-warning"
            >
              <span aria-hidden="true">⚠ </span>
              {warning}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="set" />
            <input type="hidden" name="productId" value={item.productId} />
            <input type="hidden" name="quantity" value={item.quantity - 1} />
            <button type="submit" className={smallButton} aria-label={t("shop.basket.decrease", { name: item.name })}>
              −
            </button>
          </Form>
          {/* The typed quantity's button sits after "+" (tied to its form by the form attribute). */}
          <Form method="post" preventScrollReset id={`${inputId}-form`}>
            <input type="hidden" name="intent" value="set" />
            <input type="hidden" name="productId" value={item.productId} />
            <label htmlFor={inputId} className="sr-only">
              {t("shop.basket.quantity", { name: item.name })}
            </label>
            <input
              key={item.quantity}
              id={inputId}
              name="quantity"
              type="number"
              inputMode="numeric"
              min={0}
              max={max}
              defaultValue={item.quantity}
              className="h-11 w-16 rounded-lg border border-fir-600/40 bg-white px-2 text-center text-base text-bark"
            />
          </Form>
          <Form method="post" preventScrollReset>
            <input type="hidden" name="intent" value="set" />
            <input type="hidden" name="productId" value={item.productId} />
            <input type="hidden" name="quantity" value={Math.min(item.quantity + 1, QUANTITY_MAX)} />
            <button
              type="submit"
              className={smallButton}
              disabled={item.quantity >= max || !item.available}
              aria-label={t("shop.basket.increase", { name: item.name })}
            >
              +
            </button>
          </Form>
          <button
            type="submit"
            form={`${inputId}-form`}
            className="min-h-11 rounded-full px-3 text-sm font-semibold text-fir-800 underline underline-offset-4 hover:bg-fir-50"
            aria-label={t("shop.basket.updateLabel", { name: item.name })}
          >
            {t("shop.basket.update")}
          </button>
          <Form method="post" preventScrollReset className="ml-auto">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="productId" value={item.productId} />
            <button
              type="submit"
              className="min-h-11 rounded-full px-3 text-sm font-semibold text-wine-700 underline underline-offset-4 hover:bg-wine-50"
              aria-label={t("shop.basket.removeLabel", { name: item.name })}
            >
              {t("shop.basket.remove")}
            </button>
          </Form>
        </div>
      </div>
    </li>
  );
}

function warningText(t: Translate, item: BasketItemView): string | null {
  switch (item.warning) {
    case "unavailable":
      return t("shop.basket.warn.unavailable");
    case "soldOut":
      return t("shop.basket.warn.soldOut");
    case "short":
      return t("shop.basket.warn.short", { stock: item.stock });
    default:
      return null;
  }
}
