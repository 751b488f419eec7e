import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { StallStatusBadge } from "~/components/merchant/stall-status";
import { StallTabs } from "~/components/merchant/stall-tabs";
import { getOwnedStall } from "~/models/stall.server";
import { missingLegalFields } from "~/models/stall-legal";
import { requireStallOwner } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.stall.name} · Chalet` : "Chalet" },
];

/** The frame of every screen of one stall: its name, state and tabs. Owner only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStallOwner(request, params.stallId!);
  const stall = await getOwnedStall(user.id, params.stallId!);
  if (!stall) throw new Response("Not found", { status: 404 });
  // Asked after the stall is created, needed before its approval: said here until given.
  return { stall, missingForApproval: stall.status === "APPROVED" ? [] : missingLegalFields(stall) };
}

export default function StallFrame() {
  const { stall, missingForApproval } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl print:max-w-none">
      <p className="mb-2 text-sm print:hidden">
        <Link to="/merchant" className="font-semibold text-fir-800 underline underline-offset-4">
          <span aria-hidden="true">← </span>
          {t("merchant.home.title")}
        </Link>
      </p>
      <header className="mb-4">
        <p className="text-sm text-fir-800">{stall.market.name}</p>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <p className="font-display text-2xl font-bold text-fir-900">{stall.name}</p>
          <StallStatusBadge status={stall.status} />
        </div>
        {stall.status === "APPROVED" ? (
          <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 print:hidden">
            <Link
              to={`/m/${stall.market.slug}/${stall.slug}`}
              className="font-semibold text-fir-800 underline underline-offset-4"
            >
              {t("merchant.stall.viewPublic")}
            </Link>
            {stall.market.status === "PUBLISHED" ? (
              <Link
                to={`/m/${stall.market.slug}/${stall.slug}/affiche`}
                className="font-semibold text-fir-800 underline underline-offset-4"
              >
                {t("poster.linkStall")}
              </Link>
            ) : null}
          </p>
        ) : (
          <p className="mt-2 text-sm text-bark">
            {t(stall.status === "REJECTED" ? "merchant.stall.rejectedHint" : "merchant.stall.pendingHint")}
          </p>
        )}
        {missingForApproval.length > 0 ? (
          <p className="mt-2 rounded-lg bg-gold-100 px-3 py-2 text-sm text-bark">
            {t("merchantSetup.missing", {
              fields: missingForApproval.map((field) => t(`legal.field.${field}`)).join(", "),
            })}{" "}
            <Link
              to={`/merchant/stalls/${stall.id}`}
              className="font-semibold text-fir-800 underline underline-offset-4"
            >
              {t("merchantSetup.missing.complete")}
            </Link>
          </p>
        ) : null}
      </header>
      <StallTabs stallId={stall.id} />
      <Outlet />
    </div>
  );
}
