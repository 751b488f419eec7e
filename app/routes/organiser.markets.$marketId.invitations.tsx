import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FormError, SubmitButton, TextAreaField } from "~/components/forms";
import { Card, Notice, Pill } from "~/components/organiser/ui";
import { createInvitation, listInvitations } from "~/models/invitation.server";
import { getMarketForOrganiser } from "~/models/market.server";
import { inviteSchema, MAX_INVITES_AT_ONCE, parseEmailList } from "~/schemas/organiser";
import { requireMarketOrganiser } from "~/utils/auth.server";
import { formatDay } from "~/utils/format";
import { formFailure, validateForm, type FormErrors, readForm } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/i18n.server";
import { sendEmail } from "~/utils/mailer.server";
import { absoluteUrl } from "~/utils/url.server";
import { plural } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Chalet" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireMarketOrganiser(request, params.marketId!);
  const market = await getMarketForOrganiser(params.marketId!);
  if (!market) throw new Response("Not found", { status: 404 });
  const now = context.now();
  const invitations = await listInvitations(market.id);
  const { t } = await getTranslator(request);
  return {
    title: `${t("organiser.invitations.title")} · ${market.name} · Chalet`,
    timezone: market.timezone,
    // Only what the page shows: never the token hash.
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      createdAt: i.createdAt.toISOString(),
      state: i.acceptedAt ? "accepted" : i.expiresAt <= now ? "expired" : "pending",
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const marketId = params.marketId!;
  const organiser = await requireMarketOrganiser(request, marketId);
  const market = await getMarketForOrganiser(marketId);
  if (!market) throw new Response("Not found", { status: 404 });
  const parsed = validateForm(await readForm(request), inviteSchema);
  if (!parsed.ok) return parsed.response;

  const { t, locale } = await getTranslator(request);
  // Every address is checked before anything is written or sent.
  const { emails, invalid } = parseEmailList(parsed.value.emails);
  if (invalid) {
    const message = t("organiser.invitations.invalidEmail", { email: invalid });
    return formFailure({ emails: [message] }, message);
  }
  if (emails.length === 0) return formFailure({ emails: ["form.required"] });
  if (emails.length > MAX_INVITES_AT_ONCE) {
    const message = t("organiser.invitations.tooMany", { max: MAX_INVITES_AT_ONCE });
    return formFailure({ emails: [message] }, message);
  }

  const now = context.now();
  for (const email of emails) {
    const { token, invitation } = await createInvitation({ marketId, email, invitedById: organiser.id, now });
    const link = absoluteUrl(request, `/invitations/${token}`);
    await sendEmail({
      to: invitation.email,
      subject: t("organiser.invitations.mailSubject", { market: market.name }),
      text: t("organiser.invitations.mailText", {
        organiser: organiser.name,
        market: market.name,
        town: market.town.name,
        link,
        expires: formatDay(invitation.expiresAt, market.timezone, locale),
      }),
    });
  }
  return data({ ok: true as const, count: emails.length });
}

export default function MarketInvitations() {
  const { invitations, timezone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormErrors | { ok: true; count: number } | undefined;
  const t = useT();
  const locale = useLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const sent = actionData && "ok" in actionData ? actionData : null;
  const failure = actionData && "errors" in actionData ? actionData : null;

  useEffect(() => {
    if (sent) formRef.current?.reset();
  }, [sent]);

  return (
    <div className="grid gap-8 lg:grid-cols-[24rem_1fr]">
      <Card className="self-start">
        <h2 className="mb-3 font-display text-xl text-fir-900">{t("organiser.invitations.title")}</h2>
        <div aria-live="polite">
          {sent ? <Notice>{plural(t, "organiser.invitations.sent", sent.count)}</Notice> : null}
        </div>
        <Form method="post" noValidate ref={formRef}>
          <FormError error={failure?.formError} />
          <TextAreaField
            id="invite-emails"
            name="emails"
            label={t("organiser.invitations.emails")}
            hint={t("organiser.invitations.emailsHint")}
            rows={4}
            required
            autoCapitalize="none"
            spellCheck={false}
            errors={failure?.errors.emails}
          />
          <SubmitButton className="w-full">{t("organiser.invitations.submit")}</SubmitButton>
        </Form>
      </Card>

      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title" className="mb-3 font-display text-2xl text-fir-900">
          {t("organiser.invitations.listTitle")}
        </h2>
        {invitations.length === 0 ? (
          <p className="text-fir-900">{t("organiser.invitations.empty")}</p>
        ) : (
          <ul className="divide-y divide-fir-100 rounded-2xl border border-fir-100 bg-white">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <div className="min-w-0">
                  <p className="font-semibold break-all text-fir-900">{i.email}</p>
                  <p className="text-sm text-fir-900">
                    {t("organiser.invitations.sentOn")} {formatDay(i.createdAt, timezone, locale)}
                  </p>
                </div>
                <Pill tone={i.state === "accepted" ? "fir" : i.state === "expired" ? "gray" : "gold"}>
                  {t(
                    i.state === "accepted"
                      ? "organiser.invitations.accepted"
                      : i.state === "expired"
                        ? "organiser.invitations.expired"
                        : "organiser.invitations.pending",
                  )}
                </Pill>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
