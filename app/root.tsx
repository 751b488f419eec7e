import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { createTranslator, DEFAULT_LOCALE, isLocale, LOCALES, plural, type Locale } from "~/i18n";
import { basketOwner, getBasketCount } from "~/models/basket.server";
import { countOrdersToPrepare } from "~/models/order-alerts.server";
import { stallOrdersPath } from "~/models/order-alerts";
import { getUserRoles } from "~/models/user.server";
import { getUser } from "~/utils/auth.server";
import { getLocale } from "~/utils/i18n.server";
import { useNonce } from "~/utils/nonce";
import { paymentsAreFake } from "~/utils/stripe.server";
import { FakePaymentsBanner } from "~/components/fake-payments";
import { HeaderMenu, headerMenuItem } from "~/components/header-menu";
import { OrdersReceivedLink } from "~/components/merchant/orders-received-link";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([getLocale(request), getUser(request)]);
  const [roles, basketCount] = await Promise.all([
    user ? getUserRoles(user.id) : null,
    basketOwner(request, user?.id ?? null).then(getBasketCount),
  ]);
  const stallIds = roles?.stallIds ?? [];
  // Only for merchants: one indexed count; one stall's link goes straight to its orders.
  const ordersReceived =
    user && stallIds.length > 0
      ? {
          toPrepare: (await countOrdersToPrepare(user.id)).total,
          to: stallIds.length === 1 ? stallOrdersPath(stallIds[0]!) : "/merchant",
        }
      : null;
  return {
    locale,
    basketCount,
    paymentsAreFake,
    user: user && {
      id: user.id,
      name: user.name,
      email: user.email,
      isOrganiser: (roles?.teamOfTownIds.length ?? 0) > 0,
      isAdmin: roles?.isAdmin ?? false,
      isMerchant: stallIds.length > 0,
      ordersReceived,
    },
  };
}

type RootUser = Awaited<ReturnType<typeof loader>>["user"];

function Header({ locale, user, basketCount }: { locale: Locale; user: RootUser; basketCount: number }) {
  const t = createTranslator(locale);
  const location = useLocation();
  const here = location.pathname + location.search;
  // Log-in and sign-up bring the visitor back here (an invitation's page, whose token the sign-up
  // reads from it); from one of those two pages, the way back it already carries.
  const onAccountPage = location.pathname === "/login" || location.pathname === "/signup";
  const back = onAccountPage ? location.search : `?redirectTo=${encodeURIComponent(here)}`;
  return (
    <header className="bg-fir-800 text-snow shadow-md">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-gold-300 focus:px-3 focus:py-2 focus:text-bark"
      >
        {t("nav.skipToContent")}
      </a>
      {/* One row on a 390 px phone: the name, what changes (orders to prepare, the basket), the
          log-in for a visitor, and the menu for the rest. */}
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2 sm:py-3">
        <Link
          to="/"
          className="flex shrink-0 items-center gap-1.5 font-display text-xl font-bold tracking-wide sm:gap-2 sm:text-2xl"
        >
          <span aria-hidden="true">🎄</span>
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.mainMenu")} className="flex min-w-0 items-center gap-1 text-sm sm:gap-3">
          {user?.ordersReceived ? (
            <OrdersReceivedLink loaded={user.ordersReceived.toPrepare} to={user.ordersReceived.to} t={t} />
          ) : null}
          <Link
            to="/basket"
            className="inline-flex min-h-11 items-center gap-1 rounded-full px-2 font-semibold hover:bg-fir-700 sm:bg-fir-700 sm:px-3 sm:hover:bg-fir-600"
            aria-label={plural(t, "shop.nav.basketCount", basketCount)}
            data-testid="basket-link"
          >
            <span aria-hidden="true" className="text-lg sm:text-base">
              🧺
            </span>
            <span className="max-sm:hidden">{t("shop.nav.basket")}</span>
            <span aria-hidden="true" className="min-w-5 rounded-full bg-gold-300 px-1.5 text-center text-xs text-bark">
              {basketCount}
            </span>
          </Link>
          {user ? null : (
            <Link
              className="inline-flex min-h-11 items-center whitespace-nowrap px-1 font-semibold underline-offset-4 hover:underline"
              to={`/login${back}`}
            >
              {t("nav.login")}
            </Link>
          )}
          <HeaderMenu label={t("nav.menu")}>
            {user ? (
              <p className="truncate px-3 pb-1 pt-2 text-sm text-bark/80">{t("nav.signedInAs", { name: user.name })}</p>
            ) : null}
            <ul>
              {user?.isMerchant ? (
                <>
                  <li>
                    <Link className={headerMenuItem} to="/merchant">
                      {t("nav.myStalls")}
                    </Link>
                  </li>
                  <li>
                    <Link className={headerMenuItem} to="/merchant/inbox">
                      {t("nav.messages")}
                    </Link>
                  </li>
                </>
              ) : null}
              {user?.isOrganiser ? (
                <li>
                  <Link className={headerMenuItem} to="/organiser">
                    {t("nav.organiser")}
                  </Link>
                </li>
              ) : null}
              {user?.isAdmin ? (
                <li>
                  <Link className={headerMenuItem} to="/admin">
                    {t("nav.admin")}
                  </Link>
                </li>
              ) : null}
              {user ? (
                <>
                  <li>
                    <Link className={headerMenuItem} to="/orders">
                      {t("shop.nav.orders")}
                    </Link>
                  </li>
                  <li>
                    <Link className={headerMenuItem} to="/account">
                      {t("nav.account")}
                    </Link>
                  </li>
                  <li>
                    <form method="post" action="/logout">
                      <button type="submit" className={headerMenuItem}>
                        {t("nav.logout")}&nbsp;<span className="sr-only">({user.name})</span>
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <li>
                  <Link className={headerMenuItem} to={`/signup${back}`}>
                    {t("nav.signup")}
                  </Link>
                </li>
              )}
            </ul>
            <form
              method="post"
              action="/lang"
              className="mt-1 flex items-center gap-2 border-t border-bark/10 px-3 pb-1 pt-2"
            >
              <input type="hidden" name="redirectTo" value={here} />
              <span className="text-sm text-bark/80">{t("nav.language")}</span>
              {LOCALES.map((l) => (
                <button
                  key={l}
                  type="submit"
                  name="locale"
                  value={l}
                  lang={l}
                  aria-pressed={l === locale}
                  className={`min-h-11 rounded-lg px-3 text-sm font-semibold ${l === locale ? "bg-fir-800 text-snow" : "text-fir-900 hover:bg-fir-50"}`}
                >
                  {t(`lang.${l}`)}
                </button>
              ))}
            </form>
          </HeaderMenu>
        </nav>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const t = createTranslator(locale);
  const nonce = useNonce();
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#10412b" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        <FakePaymentsBanner />
        <Header locale={locale} user={data?.user ?? null} basketCount={data?.basketCount ?? 0} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none">
          {children}
        </main>
        <footer className="border-t border-fir-100 bg-fir-50 px-4 py-6 text-center text-sm text-fir-800">
          <LegalLinks t={t} />
          <p>{t("footer.about")}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The pages that belong to a town or a market say so in their loader data (`townSlug`, or
 * `market: { slug, townSlug }`): the footer then links to that town's legal notice and that
 * market's terms of sale; elsewhere to the site's notice (/mentions-legales).
 */
function legalLinks(matches: ReturnType<typeof useMatches>): { townSlug: string | null; marketSlug: string | null } {
  for (const match of [...matches].reverse()) {
    const data = match.data as { townSlug?: unknown; market?: { slug?: unknown; townSlug?: unknown } } | null;
    if (!data || typeof data !== "object") continue;
    const market = data.market;
    if (market && typeof market.slug === "string" && typeof market.townSlug === "string") {
      return { townSlug: market.townSlug, marketSlug: market.slug };
    }
    if (typeof data.townSlug === "string") return { townSlug: data.townSlug, marketSlug: null };
  }
  return { townSlug: null, marketSlug: null };
}

function LegalLinks({ t }: { t: ReturnType<typeof createTranslator> }) {
  const { townSlug, marketSlug } = legalLinks(useMatches());
  const link = "inline-block py-1 font-semibold underline underline-offset-4 hover:text-fir-900";
  return (
    <nav aria-label={t("footer.legal")} className="mb-3">
      <ul className="flex flex-wrap justify-center gap-x-5 gap-y-2">
        <li>
          <Link to={townSlug ? `/t/${townSlug}/mentions-legales` : "/mentions-legales"} className={link}>
            {t("footer.notice")}
          </Link>
        </li>
        {marketSlug ? (
          <li>
            <Link to={`/m/${marketSlug}/conditions-de-vente`} className={link}>
              {t("footer.terms")}
            </Link>
          </li>
        ) : null}
        <li>
          <Link to="/confidentialite" className={link}>
            {t("footer.privacy")}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A database out of reach fails the root loader too: its 503 carries the visitor's language.
  const errorLocale: unknown = isRouteErrorResponse(error) ? (error.data as { locale?: unknown } | null)?.locale : null;
  const t = createTranslator(data?.locale ?? (isLocale(errorLocale) ? errorLocale : DEFAULT_LOCALE));
  const message =
    status === 404
      ? t("error.notFound")
      : status === 403
        ? t("error.forbidden")
        : status === 503
          ? t("error.unavailable")
          : t("error.generic");
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <section className="mx-auto max-w-lg py-16 text-center">
      <h1 className="font-display text-3xl text-wine-700">
        {status === 503 ? t("error.unavailableTitle") : t("error.title")}
      </h1>
      <p className="mt-4 text-lg">{message}</p>
      <p className="mt-2 text-sm text-fir-700">{status}</p>
      <Link to="/" className="mt-6 inline-block rounded-full bg-fir-700 px-5 py-2 font-semibold text-snow">
        {t("error.backHome")}
      </Link>
    </section>
  );
}
