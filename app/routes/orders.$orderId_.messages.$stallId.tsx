// The message thread of an order with one of its stalls, for the order's buyer and the stall's
// owner only (404 for anyone else). Its action takes the forms of both pages' threads
// (app/components/order-thread/); its page is where a post made without JavaScript that was
// refused shows why, and a thread's plain address.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { OrderThread, type ThreadReply } from "~/components/order-thread/order-thread";
import { getOrderThread, postOrderMessage } from "~/models/order-messages.server";
import { orderMessageSchema } from "~/schemas/order-messages";
import { requireUser, safeRedirect } from "~/utils/auth.server";
import { formFailure, readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

/** Private, and the action's Retry-After kept. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers(actionHeaders);
  headers.set("Cache-Control", "private, no-store");
  return headers;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const orderId = params.orderId ?? "";
  const stallId = params.stallId ?? "";
  const thread = await getOrderThread(user.id, orderId, stallId);
  if (!thread) throw new Response("Not found", { status: 404 });
  const { t } = await getTranslator(request);
  return {
    title: `${t("thread.pageTitle", { reference: thread.reference, name: thread.other })} · Chalet`,
    orderId,
    stallId,
    back: thread.side === "buyer" ? `/orders/${orderId}` : `/merchant/stalls/${stallId}/orders`,
    ...thread,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = validateForm(await readForm(request), orderMessageSchema);
  if (!parsed.ok) return parsed.response;
  const result = await postOrderMessage({
    userId: user.id,
    orderId: params.orderId ?? "",
    stallId: params.stallId ?? "",
    body: parsed.value.body,
    now: context.now(),
  });
  if (!result.ok) {
    if (result.reason === "notFound") return formFailure({}, "thread.error.notFound", 404);
    return data<FormErrors & { retryAfter: number }>(
      { errors: {}, formError: "thread.error.rateLimited", retryAfter: result.retryAfter },
      { status: 429, headers: { "Retry-After": String(result.retryAfter) } },
    );
  }
  // Without JavaScript: back to the page the form was on, at its thread.
  if (parsed.value.back) return redirect(safeRedirect(parsed.value.back), 303);
  return { ok: true as const, message: result.message };
}

export default function OrderThreadPage() {
  const thread = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ThreadReply | undefined;
  const t = useT();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link to={thread.back} className="text-sm font-semibold text-fir-700 underline underline-offset-4">
        <span aria-hidden="true">← </span>
        {t("thread.back")}
      </Link>
      <h1 className="font-display text-3xl font-bold text-fir-900">
        {t("thread.pageTitle", { reference: thread.reference, name: thread.other })}
      </h1>
      <OrderThread
        orderId={thread.orderId}
        stallId={thread.stallId}
        side={thread.side}
        other={thread.other}
        label={thread.other}
        messages={thread.messages}
        timezone={thread.timezone}
        anchor="thread"
        reply={reply}
        standalone
      />
    </div>
  );
}
