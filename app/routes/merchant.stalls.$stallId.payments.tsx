// The merchant's "Paiements" tab: where their Stripe connected account stands (to connect, to
// finish, being verified, active, restricted, and what Stripe still asks for, in plain words),
// one button that opens Stripe's onboarding (a fresh Account Link per click: they last minutes
// and are used once), and a link to their Stripe dashboard once the sign-up is sent. Stripe sends
// the merchant back here: `?return=1` reads the account at once (the webhook may come later),
// `?refresh=1` (an expired or used link) makes a new link straight away, as Stripe advises.
// The account is the merchant's (one per user), shown from any of their stalls.
import {
  data,
  redirectDocument,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { StallTransfersSlot } from "~/components/merchant/stall-transfers-slot";
import { listMerchantTransfers, MERCHANT_TRANSFERS_LIMIT } from "~/models/merchant-payouts.server";
import type { MessageKey } from "~/i18n";
import {
  createDashboardLink,
  createOnboardingLink,
  getPayoutAccount,
  syncPayoutAccount,
  type PayoutStatus,
} from "~/models/payout-account.server";
import { requireStallOwner } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { absoluteUrl } from "~/utils/url.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

type Need = "document" | "bank" | "person" | "business" | "terms" | "other";

/** Stripe's requirement names, said in words a merchant knows (each once). */
function needsOf(requirements: string[]): Need[] {
  const needs = requirements.map((r): Need => {
    if (r.includes("verification.document")) return "document";
    if (r === "external_account") return "bank";
    if (r.startsWith("individual.") || r.startsWith("representative.")) return "person";
    if (r.startsWith("business_profile.") || r === "business_type") return "business";
    if (r.startsWith("tos_acceptance.")) return "terms";
    return "other";
  });
  return [...new Set(needs)];
}

function tabUrls(request: Request, stallId: string) {
  const path = `/merchant/stalls/${encodeURIComponent(stallId)}/payments`;
  return { returnUrl: absoluteUrl(request, `${path}?return=1`), refreshUrl: absoluteUrl(request, `${path}?refresh=1`) };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireStallOwner(request, params.stallId!);
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  let stripeFailed = false;
  if (url.searchParams.get("refresh") === "1") {
    try {
      const link = await createOnboardingLink(user, tabUrls(request, params.stallId!), context.now());
      return redirectDocument(link, 303);
    } catch (error) {
      console.error(`Onboarding link for ${user.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      stripeFailed = true;
    }
  }
  let account = await getPayoutAccount(user.id);
  if (account && url.searchParams.get("return") === "1") {
    const stripeAccountId = account.stripeAccountId;
    try {
      await syncPayoutAccount(stripeAccountId);
      account = await getPayoutAccount(user.id);
    } catch (error) {
      // The webhook will bring the state: the page shows the last one known meanwhile.
      console.error(`Reading ${stripeAccountId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // transfers slot: the money-ui model's per-order transfers load here and go to StallTransfersSlot.
  const transfers = await listMerchantTransfers(user.id, { stallId: params.stallId! });
  return {
    transfers: { ...transfers, limit: MERCHANT_TRANSFERS_LIMIT },
    title: `${t("merchant.payments.title")} · Chalet`,
    stallId: params.stallId!,
    status: (account?.status ?? "NONE") as PayoutStatus | "NONE",
    needs: account && account.status !== "ACTIVE" ? needsOf(account.requirementsDue) : [],
    stripeFailed,
  };
}

type ActionData = { error: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireStallOwner(request, params.stallId!);
  const { t } = await getTranslator(request);
  const intent = (await readForm(request)).get("intent");
  try {
    if (intent === "connect") {
      const link = await createOnboardingLink(user, tabUrls(request, params.stallId!), context.now());
      return redirectDocument(link, 303);
    }
    if (intent === "dashboard") {
      const link = await createDashboardLink(user.id);
      if (!link) return data<ActionData>({ error: t("merchant.payments.noDashboard") }, { status: 409 });
      return redirectDocument(link, 303);
    }
  } catch (error) {
    console.error(`Stripe link for ${user.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    return data<ActionData>({ error: t("merchant.payments.stripeFailed") }, { status: 503 });
  }
  return data<ActionData>({ error: t("shop.notice.badIntent") }, { status: 400 });
}

const TONE: Record<PayoutStatus | "NONE", string> = {
  NONE: "bg-stone-100 text-bark ring-bark/20",
  ONBOARDING: "bg-gold-100 text-bark ring-gold-600/40",
  VERIFYING: "bg-gold-100 text-bark ring-gold-600/40",
  ACTIVE: "bg-fir-50 text-fir-900 ring-fir-600/40",
  RESTRICTED: "bg-wine-50 text-wine-800 ring-wine-700/30",
};

const BUTTON: Record<PayoutStatus | "NONE", MessageKey | null> = {
  NONE: "merchant.payments.connect",
  ONBOARDING: "merchant.payments.continue",
  VERIFYING: null,
  ACTIVE: null,
  RESTRICTED: "merchant.payments.complete",
};

/** While Stripe verifies (seconds in the sandbox, up to days for real), look again now and then. */
const VERIFYING_POLL_MS = 5_000;

export default function StallPayments() {
  const { stallId, status, needs, stripeFailed, transfers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (status !== "VERIFYING" || state !== "idle") return;
    const id = window.setTimeout(() => revalidate(), VERIFYING_POLL_MS);
    return () => window.clearTimeout(id);
  }, [status, state, revalidate]);
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const button = BUTTON[status];
  const error = actionData?.error ?? (stripeFailed ? t("merchant.payments.stripeFailed") : null);
  return (
    <section aria-labelledby="payments-title" className="space-y-6">
      <div className="space-y-3">
        <h1 id="payments-title" className="font-display text-2xl font-bold text-fir-900">
          {t("merchant.payments.title")}
        </h1>
        <p className="text-bark">{t("merchant.payments.intro")}</p>
      </div>

      <div className={`space-y-3 rounded-2xl p-4 ring-1 ${TONE[status]}`} role="status" data-payout-status={status}>
        <p>
          <span className="text-sm">{t("merchant.payments.stateLabel")}</span>
          <br />
          <strong className="font-display text-xl">{t(`merchant.payments.state.${status}`)}</strong>
        </p>
        <p>{t(`merchant.payments.explain.${status}`)}</p>
        {needs.length ? (
          <div>
            <p className="font-semibold">{t("merchant.payments.due")}</p>
            <ul className="ml-5 list-disc">
              {needs.map((need) => (
                <li key={need}>{t(`merchant.payments.need.${need}`)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      {error ? (
        <p role="alert" className="rounded-lg bg-wine-50 px-3 py-2 font-semibold text-wine-800">
          {error}
        </p>
      ) : null}

      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap">
        {button ? (
          <LeaveForStripe
            intent="connect"
            busy={busy}
            className="bg-fir-700 text-lg font-bold text-snow hover:bg-fir-800"
          >
            {t(button)}
          </LeaveForStripe>
        ) : null}
        {status !== "NONE" && status !== "ONBOARDING" ? (
          <LeaveForStripe
            intent="dashboard"
            busy={busy}
            className="bg-white font-semibold text-fir-800 ring-1 ring-fir-600/40 hover:bg-fir-50"
          >
            {t("merchant.payments.dashboard")}
          </LeaveForStripe>
        ) : null}
      </div>
      {button || (status !== "NONE" && status !== "ONBOARDING") ? (
        <p id="payments-leaves" className="text-sm text-bark/80">
          {t("merchant.payments.leavesNote")}
        </p>
      ) : null}

      <StallTransfersSlot stallId={stallId} transfers={transfers} />
    </section>
  );
}

/** Both buttons that send the merchant to Stripe (onboarding, dashboard): one form, one look. */
function LeaveForStripe({
  intent,
  busy,
  className,
  children,
}: {
  intent: "connect" | "dashboard";
  busy: boolean;
  className: string;
  children: React.ReactNode;
}) {
  return (
    <Form method="post" reloadDocument>
      <input type="hidden" name="intent" value={intent} />
      <button
        type="submit"
        disabled={busy}
        aria-describedby="payments-leaves"
        className={`inline-flex min-h-12 w-full items-center justify-center rounded-full px-6 py-2 disabled:opacity-60 sm:w-auto ${className}`}
      >
        {children}
      </button>
    </Form>
  );
}
