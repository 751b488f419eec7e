// "Remettre une commande": at the counter, the merchant types the buyer's pickup code or scans its
// QR code with the phone's camera, sees the order's reference, the buyer's name and this stall's
// lines, and presses "Remis". Forms post to this route's action (it all works without JavaScript
// but the camera); the rules are in app/models/handover.server.ts.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { keepRetryAfter } from "~/components/account-form";
import { CodeScanner } from "~/components/pickup-code/code-scanner";
import type { MessageKey } from "~/i18n";
import { findHandover, handOver, type HandoverFailure, type HandoverOrder } from "~/models/handover.server";
import { getStallForOrders } from "~/models/merchant-orders.server";
import { HANDOVER_INPUT_MAX, handoverSchema } from "~/schemas/handover";
import { requireStallOwner } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { readForm, validateForm, type FormErrors } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

/** A refused guess keeps its Retry-After on the page's answer too. */
export const headers = keepRetryAfter;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStallOwner(request, params.stallId!);
  const [stall, { t }] = await Promise.all([getStallForOrders(user.id, params.stallId!), getTranslator(request)]);
  if (!stall) throw new Response("Not found", { status: 404 });
  return {
    title: `${t("collect.handover.title")} · ${stall.name} · Chalet`,
    stallId: stall.id,
    timezone: stall.market.timezone,
  };
}

type OrderView = Omit<HandoverOrder, "collectedAt"> & { collectedAt: string | null };
type Found = { ok: true; intent: "find" | "hand"; order: OrderView };
type Refused = FormErrors & { reason: HandoverFailure["reason"]; input: string; order?: OrderView; seconds?: number };

const view = (order: HandoverOrder): OrderView => ({ ...order, collectedAt: order.collectedAt?.toISOString() ?? null });

/** Each refusal's status: a typo 400, guessing 429, nothing of this stall 404, an order that cannot be handed 409. */
const STATUS: Record<HandoverFailure["reason"], number> = {
  invalid: 400,
  rateLimited: 429,
  otherMarket: 404,
  unknown: 404,
  otherStall: 404,
  notPaid: 409,
  refunded: 409,
  alreadyCollected: 409,
  nothingToHand: 409,
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const stallId = params.stallId!;
  const user = await requireStallOwner(request, stallId);
  const parsed = validateForm(await readForm(request), handoverSchema);
  if (!parsed.ok) return parsed.response;
  const { intent, code } = parsed.value;
  const who = { stallId, merchantId: user.id, code };
  const result = intent === "find" ? await findHandover(who) : await handOver({ ...who, now: context.now() });
  if (result.ok) return data<Found>({ ok: true, intent, order: view(result.order) });
  const refused: Refused = {
    errors: {},
    formError: `collect.error.${result.reason}` satisfies MessageKey,
    reason: result.reason,
    input: code.slice(0, HANDOVER_INPUT_MAX),
    ...("order" in result ? { order: view(result.order) } : {}),
    ...(result.reason === "rateLimited" ? { seconds: result.seconds } : {}),
  };
  const headers: HeadersInit = result.reason === "rateLimited" ? { "Retry-After": String(result.seconds) } : {};
  return data<Refused>(refused, { status: STATUS[result.reason], headers });
}

export default function Handover() {
  const { stallId, timezone } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Found | Refused | FormErrors | undefined;
  const t = useT();
  const locale = useLocale();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLElement | null>(null);

  const found = answer && "ok" in answer ? answer : null;
  const refused = answer && "errors" in answer ? answer : null;
  const done = found?.intent === "hand" ? found : null;
  // A refusal from the model (not the form's own check) says why, and may show the order.
  const refusal = refused && "reason" in refused ? (refused as Refused) : null;
  const order = found?.order ?? refusal?.order;

  // After each answer: a found order or a handover takes focus (read out); a refusal sends the
  // merchant back to the field, its text selected, to type again.
  useEffect(() => {
    if (!answer) return;
    if (found) result.current?.focus();
    else {
      input.current?.focus();
      input.current?.select();
    }
  }, [answer, found]);

  // The form's own check answers with the field's message; the model's refusals say why.
  const message = refusal
    ? refusalText(refusal)
    : refused
      ? t((Object.values(refused.errors)[0]?.[0] ?? refused.formError ?? "form.fixErrors") as MessageKey)
      : null;
  function refusalText(r: Refused): string {
    if (r.reason === "rateLimited") return t("collect.error.rateLimited", { seconds: r.seconds ?? 60 });
    if (r.reason !== "alreadyCollected") return t(r.formError as MessageKey);
    const when = r.order?.collectedAt;
    return when
      ? t("collect.error.alreadyCollected", { when: formatDateTime(when, timezone, locale) })
      : t("collect.error.alreadyCollectedUnknown");
  }

  // What the field shows after an answer: the order's code, or what was typed for a refusal.
  const shown = done ? "" : (found?.order.code ?? refusal?.input ?? "");
  const codeError = refused && !refusal ? message : null;
  // Each answer resets the field (to the order's code, or empty after a handover: the next
  // customer) and, through its key, the camera.
  const [typed, setTyped] = useState(shown);
  useEffect(() => setTyped(shown), [answer, shown]);
  const answerKey = JSON.stringify(answer ?? null);

  return (
    <section aria-labelledby="handover-title">
      <p className="mb-2 text-sm">
        <Link
          to={`/merchant/stalls/${stallId}/orders`}
          className="font-semibold text-fir-800 underline underline-offset-4"
        >
          <span aria-hidden="true">← </span>
          {t("collect.handover.back")}
        </Link>
      </p>
      <h1 id="handover-title" className="font-display text-3xl text-fir-900">
        {t("collect.handover.title")}
      </h1>
      <p className="mt-1 text-bark">{t("collect.handover.intro")}</p>

      <Form method="post" className="mt-4">
        <input type="hidden" name="intent" value="find" />
        <label htmlFor="handover-code" className="block font-semibold text-fir-900">
          {t("collect.handover.code")}
        </label>
        <p id="handover-code-hint" className="text-sm text-bark">
          {t("collect.handover.codeHint")}
        </p>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            ref={input}
            id="handover-code"
            name="code"
            required
            maxLength={HANDOVER_INPUT_MAX}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="search"
            aria-describedby={codeError ? "handover-code-hint handover-code-error" : "handover-code-hint"}
            aria-invalid={codeError ? true : undefined}
            className="min-h-12 w-44 rounded-xl border-2 border-fir-600 px-3 font-mono text-2xl tracking-widest uppercase"
          />
          <button
            type="submit"
            disabled={busy}
            className="inline-flex min-h-12 items-center rounded-full bg-wine-700 px-5 font-semibold text-snow hover:bg-wine-800 disabled:opacity-60"
          >
            {t("collect.handover.find")}
          </button>
        </div>
        {codeError ? (
          <p id="handover-code-error" className="mt-1 text-sm font-semibold text-wine-800">
            {codeError}
          </p>
        ) : null}
      </Form>

      <CodeScanner key={answerKey} onCode={(text) => submit({ intent: "find", code: text }, { method: "post" })} />

      <div aria-live="polite" className="mt-4 space-y-3">
        {message && !codeError ? (
          <p
            role="alert"
            className="rounded-lg border border-wine-600 bg-wine-50 px-3 py-2 font-semibold text-wine-800"
          >
            {message}
          </p>
        ) : null}
        {done ? (
          <p
            ref={(node) => {
              result.current = node;
            }}
            tabIndex={-1}
            role="status"
            className="rounded-lg border border-fir-600 bg-fir-50 px-3 py-2 font-semibold text-fir-900"
          >
            {t("collect.handover.done", { reference: done.order.reference, name: done.order.buyerName })}
          </p>
        ) : null}
      </div>

      {order ? (
        <article
          aria-labelledby="handover-order"
          data-order-id={order.orderId}
          className="mt-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20"
        >
          <h2
            id="handover-order"
            tabIndex={-1}
            ref={(node) => {
              if (found && !done) result.current = node;
            }}
            className="text-2xl font-bold text-fir-900"
          >
            {t("collect.handover.order", { reference: order.reference })}
          </h2>
          <p className="text-lg text-fir-900">{t("collect.handover.buyer", { name: order.buyerName })}</p>
          <h3 className="mt-3 text-sm font-semibold text-bark">{t("collect.handover.lines")}</h3>
          <ul className="divide-y divide-fir-100">
            {order.lines.map((line) => (
              <li
                key={line.id}
                data-line-id={line.id}
                data-status={line.status}
                className="flex flex-wrap items-baseline justify-between gap-2 py-2"
              >
                <span className="text-lg font-semibold break-words text-fir-900">
                  {t("orders.line.quantity", { n: line.quantity, name: line.name })}
                </span>
                <span className="text-sm font-semibold text-bark">{t(`orders.line.${line.status}` as MessageKey)}</span>
              </li>
            ))}
          </ul>
          {found && !done && order.handable > 0 ? (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="hand" />
              <input type="hidden" name="code" value={order.code} />
              <button
                type="submit"
                disabled={busy}
                aria-label={t("collect.handover.handLabel", { reference: order.reference, name: order.buyerName })}
                className="inline-flex min-h-14 w-full items-center justify-center rounded-full bg-fir-700 px-6 text-xl font-bold text-snow hover:bg-fir-800 disabled:opacity-60 sm:w-auto"
              >
                {t("collect.handover.hand")}
              </button>
              <p className="mt-1 text-sm text-bark">{t("collect.handover.handHint")}</p>
            </Form>
          ) : null}
        </article>
      ) : null}
    </section>
  );
}
