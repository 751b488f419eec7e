// Stripe's cancel_url: the buyer left the payment page. A GET cancels nothing (a link must not
// cancel an order) but shortens the hold to a few minutes (shortenHold: the stock is not hidden
// for half an hour by someone who left); the page offers to resume paying within them, or to
// cancel, which releases the hold and puts the lines back into the basket.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { getBuyerOrderForCancel } from "~/models/buyer-orders.server";
import { cancelCheckout, resumeCheckoutUrl } from "~/models/checkout.server";
import { shortenHold } from "~/models/order-checkout.server";
import { requireUser } from "~/utils/auth.server";
import { formatTime } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const order = await getBuyerOrderForCancel(user.id, params.orderId ?? "");
  if (!order) throw new Response("Not found", { status: 404 });
  if (order.status !== "RESERVED") throw redirect(`/orders/${order.id}`);
  const holdExpiresAt = (await shortenHold(order.id, context.now())) ?? order.holdExpiresAt;
  const { t } = await getTranslator(request);
  return {
    title: `${t("shop.cancel.title")} · Chalet`,
    order: {
      id: order.id,
      reference: order.reference,
      holdExpiresAt: holdExpiresAt.toISOString(),
      timezone: order.market.timezone,
    },
    resumeUrl: await resumeCheckoutUrl(order.checkoutSessionId),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await cancelCheckout({ buyerId: user.id, orderId: params.orderId ?? "", now: context.now() });
  if (!result.ok && result.reason === "notFound") throw new Response("Not found", { status: 404 });
  // Already paid or released: the order page says which.
  if (!result.ok) return redirect(`/orders/${params.orderId}`, 303);
  return redirect("/basket?cancelled=1", 303);
}

export const headers = () => ({ "Cache-Control": "private, no-store" });

export default function CancelCheckoutPage() {
  const { order, resumeUrl } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-xl space-y-5 rounded-3xl bg-white p-6 shadow-md ring-1 ring-bark/10">
      <p className="text-sm font-semibold uppercase tracking-wider text-wine-700">
        {t("shop.orders.number", { number: order.reference })}
      </p>
      <h1 className="font-display text-3xl font-bold text-fir-900">{t("shop.cancel.title")}</h1>
      <p className="text-bark">
        {t("shop.cancel.intro", { time: formatTime(order.holdExpiresAt, order.timezone, locale) })}
      </p>
      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap">
        {resumeUrl ? (
          <a
            href={resumeUrl}
            className="inline-flex min-h-11 items-center justify-center rounded-full bg-wine-700 px-5 py-2 font-semibold text-snow hover:bg-wine-800"
          >
            {t("shop.cancel.resume")}
          </a>
        ) : null}
        <Form method="post">
          <SubmitButton className="w-full sm:w-auto">{t("shop.cancel.confirm")}</SubmitButton>
        </Form>
      </div>
      <Link
        to={`/orders/${order.id}`}
        className="inline-block text-sm font-semibold text-fir-700 underline underline-offset-4"
      >
        {t("shop.orders.view")}
      </Link>
    </div>
  );
}
