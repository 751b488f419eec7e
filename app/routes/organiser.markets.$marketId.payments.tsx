// The organisers' "Paiements" tab: per stall the sales, the town's commission, Stripe's fees the
// platform bears, what was transferred, reversed and is still pending, with the market's totals
// and the reconciliation CSV; above them, the stalls that cannot sell yet (their merchant's
// Stripe account is missing or not active), each with a "Relancer" button.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError } from "~/components/forms";
import { Card, Notice, Pill, buttonSecondary, linkClass } from "~/components/organiser/ui";
import type { MessageKey } from "~/i18n";
import {
  getMarketMoney,
  listUnpayableStalls,
  remindStallToConnect,
  type StallMoney,
} from "~/models/market-payouts.server";
import { getMarketForOrganiser } from "~/models/market.server";
import { remindStallSchema } from "~/schemas/organiser";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formatBps, formatPrice, formatTime } from "~/utils/format";
import { formFailure, readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMarketOrganiser(request, params.marketId!);
  const market = await getMarketForOrganiser(params.marketId!);
  if (!market) throw new Response("Not found", { status: 404 });
  const now = context.now();
  const [money, unpayable, { t }] = await Promise.all([
    getMarketMoney(market.id),
    listUnpayableStalls(market.id, now),
    getTranslator(request),
  ]);
  return {
    title: `${t("money.organiser.title")} · ${market.name} · Chalet`,
    marketId: market.id,
    timezone: market.timezone,
    commissionBps: market.commissionBps,
    ...money,
    unpayable: unpayable.map((s) => ({
      ...s,
      remindedAt: s.remindedAt?.toISOString() ?? null,
      nextReminderAt: s.nextReminderAt?.toISOString() ?? null,
    })),
  };
}

type Reminded = { ok: true; stallId: string; name: string };
type TooSoon = FormErrors & { nextAt: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  const user = await requireMarketOrganiser(request, marketId);
  const parsed = validateForm(await readForm(request), remindStallSchema);
  if (!parsed.ok) return parsed.response;
  const now = context.now();
  const result = await remindStallToConnect({ marketId, stallId: parsed.value.stallId, organiserId: user.id, now });
  if (result.ok) return data<Reminded>({ ok: true, stallId: parsed.value.stallId, name: result.ownerName });
  // Scoped by this market: a stall of another market is "not found" and nobody is written to.
  if (result.reason === "notFound") return formFailure({}, "money.remind.notFound", 404);
  if (result.reason === "canSell") return formFailure({}, "money.remind.canSell", 409);
  return data<TooSoon>(
    { errors: {}, formError: "money.remind.tooSoon", nextAt: result.nextAt.toISOString() },
    { status: 429, headers: { "Retry-After": String(Math.ceil((result.nextAt.getTime() - now.getTime()) / 1000)) } },
  );
}

const cell = "px-3 py-2 text-right tabular-nums whitespace-nowrap";

/** The figures of a stall (or of the market), in the order the table and the phone cards show them. */
const COLUMNS = [
  ["money.col.sales", "salesCents"],
  ["money.col.commission", "commissionCents"],
  ["money.col.fees", "feeCents"],
  ["money.col.transferred", "transferredCents"],
  ["money.col.reversed", "reversedCents"],
  ["money.col.pendingTransfer", "pendingTransferCents"],
  ["money.col.pendingReversal", "pendingReversalCents"],
] as const satisfies readonly (readonly [MessageKey, keyof StallMoney])[];

export default function MarketPayments() {
  const loaded = useLoaderData<typeof loader>();
  const { marketId, totals, unpayable, timezone } = loaded;
  const actionData = useActionData<typeof action>() as Reminded | TooSoon | FormErrors | undefined;
  const t = useT();
  const locale = useLocale();
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, locale);
  const stalls = [...loaded.stalls].sort(byName);
  const price = (cents: number) => formatPrice(cents, locale);
  const kept = totals.commissionCents - totals.feeCents;
  const figures = (f: StallMoney) =>
    COLUMNS.map(([, key]) => (
      <td key={key} className={cell}>
        {price(f[key])}
      </td>
    ));
  return (
    <div>
      <div aria-live="polite">
        {actionData && "ok" in actionData ? <Notice>{t("money.remind.sent", { name: actionData.name })}</Notice> : null}
        {actionData && "nextAt" in actionData ? (
          <p
            role="alert"
            className="mb-4 rounded-lg border border-gold-600 bg-gold-100 px-3 py-2 font-semibold text-bark"
          >
            {t("money.remind.tooSoon", { time: formatTime(actionData.nextAt, timezone, locale) })}
          </p>
        ) : actionData && "errors" in actionData ? (
          <FormError error={actionData.formError} />
        ) : null}
      </div>

      <section aria-labelledby="unpayable-title" className="mb-8">
        <h2 id="unpayable-title" className="font-display text-2xl text-fir-900">
          {t("money.unpayable.title")} <span className="text-lg text-fir-700">({unpayable.length})</span>
        </h2>
        {unpayable.length === 0 ? (
          <p className="mt-2 rounded-lg bg-fir-50 px-4 py-3 text-fir-900">{t("money.unpayable.none")}</p>
        ) : (
          <>
            <p className="mt-1 mb-3 text-fir-900">{t("money.unpayable.intro")}</p>
            <ul className="grid gap-3 md:grid-cols-2">
              {unpayable.map((stall) => (
                <li key={stall.stallId} data-unpayable-stall={stall.stallId}>
                  <Card className="flex h-full flex-col gap-2">
                    <h3 id={`unpayable-${stall.stallId}`} className="text-lg font-semibold break-words text-fir-900">
                      {stall.name}
                    </h3>
                    <p className="text-sm text-fir-900">
                      {t("money.unpayable.owner", { name: stall.ownerName })}{" "}
                      <Pill tone={stall.accountStatus === "RESTRICTED" ? "wine" : "gold"}>
                        {t(`money.account.${stall.accountStatus ?? "NONE"}` as MessageKey)}
                      </Pill>
                    </p>
                    {stall.remindedAt ? (
                      <p className="text-sm text-bark">
                        {t("money.unpayable.remindedAt", { time: formatTime(stall.remindedAt, timezone, locale) })}
                      </p>
                    ) : null}
                    <RemindButton
                      stallId={stall.stallId}
                      name={stall.name}
                      nextAt={stall.nextReminderAt}
                      timezone={timezone}
                    />
                  </Card>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="money-title">
        <h2 id="money-title" className="font-display text-2xl text-fir-900">
          {t("money.organiser.title")}
        </h2>
        <p className="mt-1 mb-4 text-fir-900">
          {t("money.organiser.intro", { rate: formatBps(loaded.commissionBps, locale) })}
        </p>

        <Card className="mb-6">
          <dl className="grid gap-2 sm:grid-cols-3">
            <div>
              <dt className="text-sm text-bark">{t("money.col.commission")}</dt>
              <dd className="text-xl font-semibold text-fir-900 tabular-nums">{price(totals.commissionCents)}</dd>
            </div>
            <div>
              <dt className="text-sm text-bark">{t("money.col.fees")}</dt>
              <dd className="text-xl font-semibold text-fir-900 tabular-nums">− {price(totals.feeCents)}</dd>
            </div>
            <div>
              <dt className="text-sm text-bark">{t("money.organiser.kept")}</dt>
              <dd className="text-xl font-bold text-fir-900 tabular-nums" data-kept-cents={kept}>
                {price(kept)}
              </dd>
            </div>
          </dl>
          <p className="mt-4">
            {/* A file download, not a page: the browser fetches it itself. */}
            <a href={`/organiser/markets/${marketId}/payments.csv`} download className={linkClass}>
              {t("money.csv.link")}
            </a>
          </p>
          <p className="mt-1 text-sm text-bark">{t("money.csv.hint")}</p>
        </Card>

        <div className="sm:hidden">
          <h3 className="mb-2 font-semibold text-fir-900">{t("money.organiser.caption")}</h3>
          <ul className="space-y-2">
            {[
              ...stalls.map((s) => ({ ...s, total: false })),
              { ...totals, stallId: "total", name: t("money.organiser.total"), total: true },
            ].map((row) => (
              <li
                key={row.stallId}
                data-stall-id={row.total ? undefined : row.stallId}
                className={`rounded-xl border p-3 ${row.total ? "border-2 border-fir-700 bg-fir-50" : "border-fir-100 bg-white"}`}
              >
                <h4 className="font-semibold break-words text-fir-900">{row.name}</h4>
                <dl className="mt-1 grid grid-cols-1 text-sm text-bark">
                  {COLUMNS.map(([label, key]) => (
                    <div key={key} className="flex justify-between gap-2 py-0.5">
                      <dt>{t(label)}</dt>
                      <dd className="tabular-nums">{price(row[key])}</dd>
                    </div>
                  ))}
                </dl>
                <Problems figures={row} />
              </li>
            ))}
          </ul>
        </div>
        <div
          role="region"
          aria-labelledby="money-caption"
          tabIndex={0}
          className="hidden overflow-x-auto rounded-2xl border border-fir-100 bg-white shadow-sm sm:block"
        >
          <table className="min-w-full text-fir-900">
            <caption id="money-caption" className="px-3 pt-3 text-left font-semibold">
              {t("money.organiser.caption")}
            </caption>
            <thead>
              <tr className="border-b border-fir-100 text-sm">
                <th scope="col" className="px-3 py-2 text-left">
                  {t("money.col.stall")}
                </th>
                {COLUMNS.map(([label, key]) => (
                  <th key={key} scope="col" className="px-3 py-2 text-right">
                    {t(label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stalls.map((stall) => (
                <tr key={stall.stallId} className="border-b border-fir-100 last:border-0" data-stall-id={stall.stallId}>
                  <th scope="row" className="min-w-36 px-3 py-2 text-left font-normal">
                    {stall.name}
                    <Problems figures={stall} />
                  </th>
                  {figures(stall)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-fir-700 bg-fir-50 font-semibold" data-totals>
                <th scope="row" className="px-3 py-2 text-left">
                  {t("money.organiser.total")}
                </th>
                {figures(totals)}
              </tr>
            </tfoot>
          </table>
        </div>
        <div className="mt-3 space-y-1 text-sm text-bark">
          <p>{t("money.note.sales")}</p>
          <p>{t("money.note.fees")}</p>
          <p>{t("money.note.pending")}</p>
        </div>
      </section>
    </div>
  );
}

/** Failed transfers: someone must look at them (the CSV carries Stripe's error). */
function Problems({ figures }: { figures: StallMoney }) {
  const t = useT();
  const locale = useLocale();
  if (figures.failedTransferCents === 0) return null;
  return (
    <p className="mt-1">
      <Pill tone="wine">{t("money.failed", { amount: formatPrice(figures.failedTransferCents, locale) })}</Pill>
    </p>
  );
}

function RemindButton({
  stallId,
  name,
  nextAt,
  timezone,
}: {
  stallId: string;
  name: string;
  nextAt: string | null;
  timezone: string;
}) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("stallId") === stallId;
  return (
    <Form method="post" className="mt-auto">
      <input type="hidden" name="intent" value="remind" />
      <input type="hidden" name="stallId" value={stallId} />
      <button
        type="submit"
        className={`${buttonSecondary} w-full sm:w-auto disabled:cursor-not-allowed disabled:opacity-60`}
        disabled={nextAt !== null || busy}
        aria-busy={busy || undefined}
        aria-describedby={nextAt ? `next-${stallId}` : undefined}
      >
        {t("money.remind.button")}
        <span className="sr-only"> {t("money.remind.forStall", { name })}</span>
      </button>
      {nextAt ? (
        <p id={`next-${stallId}`} className="mt-1 text-sm text-bark">
          {t("money.remind.nextAt", { time: formatTime(nextAt, timezone, locale) })}
        </p>
      ) : null}
    </Form>
  );
}
