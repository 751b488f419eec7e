import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StallStatusBadge } from "~/components/merchant/stall-status";
import { CATEGORY_EMOJI, isStallCategory } from "~/models/categories";
import { listMerchantInbox } from "~/models/chat-inbox.server";
import { countOrdersToPrepare } from "~/models/order-alerts.server";
import { listOwnedStalls } from "~/models/stall.server";
import { requireUser } from "~/utils/auth.server";
import { getTranslator } from "~/utils/i18n.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [{ t }, stalls, inbox, toPrepare] = await Promise.all([
    getTranslator(request),
    listOwnedStalls(user.id),
    listMerchantInbox(user.id),
    countOrdersToPrepare(user.id),
  ]);
  const unread = inbox.reduce((sum, row) => sum + row.unread, 0);
  return { title: `${t("merchant.home.title")} · Chalet`, stalls, unread, toPrepare: toPrepare.byStall };
}

const linkShape = "inline-flex min-h-12 items-center justify-center rounded-full px-3 text-center font-semibold";
const quickLink = `${linkShape} text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50`;
const primaryLink = `${linkShape} bg-fir-700 text-snow hover:bg-fir-800`;

export default function MerchantHome() {
  const { stalls, unread, toPrepare } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-display text-3xl text-fir-800">{t("merchant.home.title")}</h1>
        {stalls.length > 0 ? (
          <Link to="/merchant/inbox" prefetch="intent" className={`${quickLink} gap-2 bg-white px-4`}>
            <span aria-hidden="true">💬</span>
            {t("merchant.inbox.link")}
            {unread > 0 ? (
              <span className="rounded-full bg-wine-700 px-2 text-sm leading-6 font-bold text-snow">
                <span aria-hidden="true">{unread}</span>
                <span className="sr-only">{t("merchant.inbox.linkUnread", { n: unread })}</span>
              </span>
            ) : null}
          </Link>
        ) : null}
        {stalls.length > 0 ? (
          <Link to="/merchant/alerts" prefetch="intent" className={`${quickLink} gap-2 bg-white px-4`}>
            <span aria-hidden="true">🔔</span>
            {t("alerts.merchantLink")}
          </Link>
        ) : null}
      </div>
      {stalls.length === 0 ? (
        <p className="rounded-lg bg-gold-100 px-4 py-3">{t("merchant.home.none")}</p>
      ) : (
        <ul className="space-y-4">
          {stalls.map((stall) => (
            <li key={stall.id} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
              <div className="flex gap-3">
                {stall.photos[0] ? (
                  <img
                    src={stall.photos[0].thumbSrc}
                    alt=""
                    className="size-16 shrink-0 rounded-lg object-cover"
                    loading="lazy"
                  />
                ) : (
                  <span
                    aria-hidden="true"
                    className="flex size-16 shrink-0 items-center justify-center rounded-lg bg-fir-50 text-3xl"
                  >
                    {isStallCategory(stall.category) ? CATEGORY_EMOJI[stall.category] : "🎁"}
                  </span>
                )}
                <div className="min-w-0 flex-1">
                  <h2 className="text-xl font-semibold text-fir-900">{stall.name}</h2>
                  <p className="text-sm text-bark">
                    {stall.market.name} · {t("merchant.home.productCount", { n: stall._count.products })}
                  </p>
                  <p className="mt-1">
                    <StallStatusBadge status={stall.status} />
                  </p>
                </div>
              </div>
              {stall.status === "APPROVED" ? (
                <p className="mt-3">
                  <Link
                    to={`/m/${stall.market.slug}/${stall.slug}`}
                    className="font-semibold text-fir-800 underline underline-offset-4"
                  >
                    {t("merchant.stall.viewPublic")}
                    <span className="sr-only"> ({stall.name})</span>
                  </Link>
                </p>
              ) : (
                <p className="mt-3 text-sm text-bark">
                  {t(stall.status === "REJECTED" ? "merchant.stall.rejectedHint" : "merchant.stall.pendingHint")}
                </p>
              )}
              <div className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-4">
                <Link to={`/merchant/stalls/${stall.id}/orders`} className={`${primaryLink} gap-2`}>
                  {t("orders.merchant.tab")}
                  <span className="sr-only"> ({stall.name})</span>
                  {toPrepare[stall.id] ? (
                    <span className="rounded-full bg-gold-300 px-2 text-sm leading-6 font-bold text-bark">
                      <span aria-hidden="true">{toPrepare[stall.id]}</span>
                      <span className="sr-only">{t("alerts.stall.toPrepare", { count: toPrepare[stall.id]! })}</span>
                    </span>
                  ) : null}
                </Link>
                <Link to={`/merchant/stalls/${stall.id}/stock`} className={primaryLink}>
                  {t("merchant.tabs.stock")}
                  <span className="sr-only"> ({stall.name})</span>
                </Link>
                <Link to={`/merchant/stalls/${stall.id}/products`} className={quickLink}>
                  {t("merchant.tabs.products")}
                  <span className="sr-only"> ({stall.name})</span>
                </Link>
                <Link to={`/merchant/stalls/${stall.id}`} className={quickLink}>
                  {t("merchant.home.edit")}
                  <span className="sr-only"> ({stall.name})</span>
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
