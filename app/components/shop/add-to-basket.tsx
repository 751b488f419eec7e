// "Ajouter au panier" under a product. A plain form posting to /basket, so it works without
// JavaScript (the action sends the visitor back to this page); once hydrated it posts through a
// fetcher and says so in place, and the header's count follows (Remix reloads the root data).
// The server (and the hydration render) draws the plain form without the fetcher's machinery,
// the same markup: a stall page has one per product (issue 12).
// Focus stays on the button for a keyboard user (issue 17): across the swap from the plain form
// to the live one, and while the fetcher works (a disabled button would drop focus to the page).
import { Link, useFetcher, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useLayoutEffect, useRef, type FormEvent } from "react";
import { useLive } from "~/components/use-live";
import { useT } from "~/utils/i18n";

type BasketReply = { ok: boolean; notice: { tone: string; text: string }; productId?: string; quantity?: number };

const STALL_ROUTE = "routes/m.$marketSlug.$stallSlug";

/**
 * Whether the market of the stall page is open: the prop when the page passes it, else the stall
 * route's own data (kept current by its live hooks), else open (the server refuses anyway).
 */
export function useStallMarketOpen(explicit: boolean | undefined): boolean {
  const stallData = useRouteLoaderData(STALL_ROUTE) as { market?: { status?: { open?: unknown } } } | undefined;
  if (explicit !== undefined) return explicit;
  const open = stallData?.market?.status?.open;
  return typeof open === "boolean" ? open : true;
}

type AddToBasketProps = { product: { id: string; name: string }; soldOut: boolean; marketOpen: boolean };

export function AddToBasket(props: AddToBasketProps) {
  return useLive() ? <LiveAddToBasket {...props} /> : <PlainAddToBasket {...props} />;
}

function buttonLabel(t: ReturnType<typeof useT>, { soldOut, marketOpen }: AddToBasketProps): string {
  return soldOut ? t("shop.add.soldOut") : !marketOpen ? t("shop.add.closed") : t("shop.add.button");
}

const BUTTON_CLASS =
  "inline-flex min-h-11 w-full items-center justify-center gap-2 rounded-full bg-fir-700 px-4 py-2 font-semibold text-snow hover:bg-fir-800 disabled:cursor-not-allowed disabled:bg-stone-200 disabled:text-bark/80";

/**
 * The product whose plain button had focus when the live one replaced it (the swap remounts the
 * form: a new button). React detaches the plain button's ref while it is still in the page.
 */
let focusedBeforeSwap: string | null = null;

/** Before the page is live: a plain post to /basket, which sends the visitor back here. */
function PlainAddToBasket(props: AddToBasketProps) {
  const { product, soldOut, marketOpen } = props;
  const t = useT();
  const location = useLocation();
  const disabled = soldOut || !marketOpen;
  // A ref callback rather than a layout effect: the server draws this one, and runs neither.
  const button = useRef<HTMLButtonElement | null>(null);
  const watchFocus = useCallback(
    (node: HTMLButtonElement | null) => {
      if (!node && button.current && document.activeElement === button.current) focusedBeforeSwap = product.id;
      button.current = node;
    },
    [product.id],
  );
  // Fewer elements than the live form, the same box: the intent rides on the button (a submit
  // button's name and value are sent with the form), the quantity is the action's default for
  // "add" (1), and the bottom padding stands for the live form's empty notice (mt-1). The notice's
  // live region is not needed before the page is live: it is in the page as soon as it is, long
  // before anything is said in it.
  return (
    <form method="post" action="/basket" className="pb-1 pt-2">
      <input type="hidden" name="productId" value={product.id} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button
        ref={watchFocus}
        type="submit"
        name="intent"
        value="add"
        disabled={disabled}
        aria-label={disabled ? undefined : t("shop.add.label", { name: product.name })}
        className={BUTTON_CLASS}
      >
        {disabled ? null : <span aria-hidden="true">🧺</span>}
        {buttonLabel(t, props)}
      </button>
    </form>
  );
}

function LiveAddToBasket(props: AddToBasketProps) {
  const { product, soldOut, marketOpen } = props;
  const t = useT();
  const location = useLocation();
  const fetcher = useFetcher<BasketReply>();
  const busy = fetcher.state !== "idle";
  const disabled = soldOut || !marketOpen;
  const reply = fetcher.state === "idle" ? fetcher.data : undefined;
  const label = buttonLabel(t, props);
  const button = useRef<HTMLButtonElement>(null);
  const notice = useRef<HTMLParagraphElement>(null);
  // Focus taken over from the plain button this one replaced.
  useLayoutEffect(() => {
    if (focusedBeforeSwap !== product.id) return;
    focusedBeforeSwap = null;
    button.current?.focus();
  }, [product.id]);
  // The answer is in: if focus fell to the page meanwhile (the card drawn again, the product sold
  // out and its button disabled), it comes back to the button, or to the notice's basket link.
  useEffect(() => {
    if (!reply) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const target = button.current && !button.current.disabled ? button.current : notice.current?.querySelector("a");
    target?.focus();
  }, [reply]);
  // Busy is said (aria-busy) and a second press ignored, but the button stays enabled: disabling
  // the focused button would send focus to the page's body.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (busy) event.preventDefault();
  };
  return (
    <div className="pt-2">
      <fetcher.Form method="post" action="/basket" onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="productId" value={product.id} />
        <input type="hidden" name="quantity" value="1" />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <input type="hidden" name="stay" value="1" />
        <button
          ref={button}
          type="submit"
          disabled={disabled}
          aria-busy={busy || undefined}
          aria-label={disabled ? undefined : t("shop.add.label", { name: product.name })}
          className={`${BUTTON_CLASS} aria-busy:cursor-wait aria-busy:opacity-70`}
        >
          {disabled ? null : <span aria-hidden="true">🧺</span>}
          {label}
        </button>
      </fetcher.Form>
      <p ref={notice} aria-live="polite" className="mt-1 min-h-0 text-sm">
        {reply ? (
          <span className={reply.ok ? "text-fir-800" : "font-semibold text-wine-700"}>
            {reply.notice.text}{" "}
            {reply.ok ? (
              <Link to="/basket" className="font-semibold underline underline-offset-4">
                {t("shop.add.viewBasket")}
              </Link>
            ) : null}
          </span>
        ) : null}
      </p>
    </div>
  );
}
