// Frame of one market's organiser pages: its name, state and the section tabs. Each child
// route checks the organiser again: loaders run in parallel, so none relies on this one.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { BackToList, MarketStatusBadge, linkClass } from "~/components/organiser/ui";
import type { MessageKey } from "~/i18n";
import { countReportedMessages } from "~/models/chat-console.server";
import { getEditionLinks } from "~/models/market-edition.server";
import { getMarketForOrganiser } from "~/models/market.server";
import { marketTeamRole } from "~/models/authorization.server";
import { requireMarketModerator } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const marketId = params.marketId!;
  // Moderators come in too, for the reports tab: the only one they are shown (and allowed).
  const user = await requireMarketModerator(request, marketId);
  const [market, openReports, role, editions] = await Promise.all([
    getMarketForOrganiser(marketId),
    countReportedMessages(marketId),
    marketTeamRole(user.id, marketId),
    getEditionLinks(marketId),
  ]);
  if (!market) throw new Response("Not found", { status: 404 });
  return {
    openReports,
    editions,
    organiser: role === "ORGANISER",
    market: {
      id: market.id,
      name: market.name,
      slug: market.slug,
      status: market.status,
      townName: market.town.name,
    },
  };
}

const TABS: { to: string; label: MessageKey; moderators?: true }[] = [
  { to: "", label: "organiser.tab.settings" },
  { to: "live", label: "organiser.tab.live" },
  { to: "sessions", label: "organiser.tab.sessions" },
  { to: "stalls", label: "organiser.tab.stalls" },
  { to: "plan", label: "plan.tab" },
  { to: "pickup", label: "pickup.tab" },
  { to: "invitations", label: "organiser.tab.invitations" },
  { to: "reports", label: "organiser.tab.reports", moderators: true },
  { to: "orders", label: "orders.organiser.tab" },
  { to: "payments", label: "money.organiser.tab" },
  { to: "bilan", label: "bilan.tab" },
];

export default function MarketFrame() {
  const { market, openReports, editions, organiser } = useLoaderData<typeof loader>();
  const tabs = organiser ? TABS : TABS.filter((tab) => tab.moderators);
  const t = useT();
  const base = `/organiser/markets/${market.id}`;
  return (
    <div>
      {/* On paper, the page's own content only (the report brings its own heading). */}
      <div className="print:hidden">
        <BackToList />
      </div>
      <h1 className="font-display text-3xl text-fir-800 sm:text-4xl">{market.name}</h1>
      <p className="mt-2 flex print:hidden flex-wrap items-center gap-x-3 gap-y-1 text-sm text-fir-900">
        <span>{t("organiser.town", { name: market.townName })}</span>
        <MarketStatusBadge status={market.status} />
        {market.status === "PUBLISHED" ? (
          <>
            <Link to={`/m/${market.slug}`} className={linkClass}>
              {t("organiser.viewPublic")}
            </Link>
            <Link to={`/m/${market.slug}/affiche`} className={linkClass}>
              {t("poster.linkMarket")}
            </Link>
          </>
        ) : null}
        {/* "Reconduire" (app/models/market-edition.server.ts): one next edition per market. */}
        {editions.previous ? (
          <Link to={`/organiser/markets/${editions.previous.id}`} className={linkClass}>
            {t("edition.previousEdition", { name: editions.previous.name })}
          </Link>
        ) : null}
        {editions.next ? (
          <Link to={`/organiser/markets/${editions.next.id}`} className={linkClass}>
            {t("edition.nextEdition", { name: editions.next.name })}
          </Link>
        ) : organiser ? (
          <Link to={`${base}/reconduire`} className={linkClass}>
            {t("edition.reconduire")}
          </Link>
        ) : null}
      </p>
      <nav aria-label={t("organiser.marketSections")} className="mt-4 border-b border-fir-100 print:hidden">
        <ul className="grid grid-cols-3 gap-1 sm:flex">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to ? `${base}/${tab.to}` : base}
                end
                prefetch="intent"
                className={({ isActive }) =>
                  `flex min-h-11 items-center justify-center rounded-t-lg px-1 py-2 text-sm font-semibold sm:px-4 sm:text-base ${
                    isActive
                      ? "border-b-4 border-fir-700 bg-fir-50 text-fir-900"
                      : "text-fir-700 hover:bg-fir-50 hover:text-fir-900"
                  }`
                }
              >
                {t(tab.label)}
                {tab.to === "reports" && openReports > 0 ? (
                  <span className="ml-1.5 inline-flex min-w-6 items-center justify-center rounded-full bg-wine-700 px-1.5 text-xs leading-6 font-bold text-snow">
                    <span aria-hidden="true">{openReports}</span>
                    <span className="sr-only">{t("organiser.tab.reportsOpen", { n: openReports })}</span>
                  </span>
                ) : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="pt-6 print:pt-2">
        <Outlet />
      </div>
    </div>
  );
}
