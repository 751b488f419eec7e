// A town's team as /admin and the organisers' "Équipe" page show it: members with their role
// (change it, remove them), pending invitations (revoke), the invitation form, and the audit log.
import { Form, useActionData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { isTownFailure } from "~/components/admin/town-fields";
import { FormError, SelectField, SubmitButton, TextField } from "~/components/forms";
import { Card, Notice, Pill, buttonDanger, buttonSecondary } from "~/components/organiser/ui";
import type { MessageKey } from "~/i18n";
import type { FormErrors } from "~/utils/forms.server";
import { formatDateTime, formatDay } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";
import type { loadTeamPanel, TeamDone } from "./team-action.server";

type Panel = Awaited<ReturnType<typeof loadTeamPanel>>;
const ROLES = ["ORGANISER", "MODERATOR"] as const;
const TEAM_DONE: string[] = ["invite", "revoke", "role", "remove"];
const roleKey = (role: string) => `team.role.${role}` as MessageKey;
/** Capitalised, for a choice or a badge. */
const roleName = (role: string) => `team.roleName.${role}` as MessageKey;
const TIMEZONE = "Europe/Paris";

/** "a@b.test (MODERATOR → ORGANISER)": the stored role codes read in the visitor's language. */
function useSubject() {
  const t = useT();
  return (subject: string) => subject.replace(/\b(ORGANISER|MODERATOR)\b/g, (code) => t(roleKey(code)));
}

export function TeamPanel({ panel, youId }: { panel: Panel; youId: string }) {
  const t = useT();
  const locale = useLocale();
  const subject = useSubject();
  const actionData = useActionData<TeamDone | FormErrors>();
  // /admin's town form answers on the same page: its results are not the team's.
  const done = actionData && "ok" in actionData && TEAM_DONE.includes(actionData.done) ? actionData : null;
  const failure = actionData && "errors" in actionData && !isTownFailure(actionData) ? actionData : null;
  const inviteRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (done?.done === "invite") inviteRef.current?.reset();
  }, [done]);

  return (
    <div className="grid gap-8 lg:grid-cols-[24rem_1fr]">
      <Card className="self-start">
        <h2 id="invite-title" className="mb-3 font-display text-xl text-fir-900">
          {t("team.invite.title")}
        </h2>
        <div aria-live="polite">
          {done ? (
            <Notice>
              {done.done === "invite"
                ? t("team.done.invite", { email: done.email ?? "" })
                : t(`team.done.${done.done}`)}
            </Notice>
          ) : null}
        </div>
        <Form method="post" noValidate ref={inviteRef} aria-labelledby="invite-title">
          <FormError error={failure?.formError} />
          <input type="hidden" name="intent" value="invite" />
          <TextField
            id="team-email"
            name="email"
            type="email"
            label={t("team.invite.email")}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            errors={failure?.errors.email}
          />
          <SelectField
            id="team-role"
            name="role"
            label={t("team.invite.role")}
            hint={t("team.invite.roleHint")}
            errors={failure?.errors.role}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(roleName(role))}
              </option>
            ))}
          </SelectField>
          <SubmitButton className="w-full">{t("team.invite.submit")}</SubmitButton>
        </Form>
      </Card>

      <div className="grid gap-8">
        <section aria-labelledby="members-title">
          <h2 id="members-title" className="mb-3 font-display text-2xl text-fir-900">
            {t("team.members.title")}
          </h2>
          {panel.members.length === 0 ? (
            <p className="text-fir-900">{t("team.members.empty")}</p>
          ) : (
            <ul className="divide-y divide-fir-100 rounded-2xl border border-fir-100 bg-white">
              {panel.members.map((m) => (
                <li key={m.id} className="grid gap-3 px-4 py-3 sm:grid-cols-[1fr_auto] sm:items-center">
                  <div className="min-w-0">
                    <p className="font-semibold text-fir-900">
                      {m.name} {m.id === youId ? <span className="font-normal">({t("team.members.you")})</span> : null}
                    </p>
                    <p className="text-sm break-all text-fir-900">{m.email}</p>
                    <p className="mt-1">
                      <Pill tone={m.role === "ORGANISER" ? "fir" : "gold"}>{t(roleName(m.role))}</Pill>
                    </p>
                  </div>
                  <div className="flex flex-wrap items-end gap-2">
                    <Form method="post" className="flex items-end gap-2">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={m.id} />
                      <label className="text-sm font-semibold text-fir-900">
                        {t("team.members.roleOf", { name: m.name })}
                        <select
                          name="role"
                          defaultValue={m.role}
                          className="mt-1 block rounded-lg border border-fir-600/40 bg-white px-2 py-2 text-base"
                        >
                          {ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t(roleName(role))}
                            </option>
                          ))}
                        </select>
                      </label>
                      <button type="submit" className={buttonSecondary}>
                        {t("team.members.change")}
                        <span className="sr-only"> ({m.name})</span>
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.id} />
                      <button type="submit" className={buttonDanger}>
                        {t("team.members.remove")}
                        <span className="sr-only"> ({m.name})</span>
                      </button>
                    </Form>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm text-fir-900">{t("team.members.rule")}</p>
        </section>

        <section aria-labelledby="pending-title">
          <h2 id="pending-title" className="mb-3 font-display text-2xl text-fir-900">
            {t("team.pending.title")}
          </h2>
          {panel.invitations.length === 0 ? (
            <p className="text-fir-900">{t("team.pending.empty")}</p>
          ) : (
            <ul className="divide-y divide-fir-100 rounded-2xl border border-fir-100 bg-white">
              {panel.invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                  <div className="min-w-0">
                    <p className="font-semibold break-all text-fir-900">{i.email}</p>
                    <p className="text-sm text-fir-900">
                      {t(roleName(i.role))} ·{" "}
                      {i.expired
                        ? t("team.pending.expired")
                        : t("team.pending.until", { date: formatDay(i.expiresAt, TIMEZONE, locale) })}
                    </p>
                  </div>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" className={buttonDanger}>
                      {t("team.pending.revoke")}
                      <span className="sr-only"> ({i.email})</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="audit-title">
          <h2 id="audit-title" className="mb-3 font-display text-2xl text-fir-900">
            {t("team.audit.title")}
          </h2>
          {panel.audit.length === 0 ? (
            <p className="text-fir-900">{t("team.audit.empty")}</p>
          ) : (
            <ol className="divide-y divide-fir-100 rounded-2xl border border-fir-100 bg-white text-sm">
              {panel.audit.map((a) => (
                <li key={a.id} className="px-4 py-2 text-fir-900">
                  <time dateTime={a.createdAt} className="font-semibold">
                    {formatDateTime(a.createdAt, TIMEZONE, locale)}
                  </time>{" "}
                  · {t(`team.audit.${a.action}` as MessageKey, { actor: a.actorName || t("team.audit.someone") })}{" "}
                  <span className="break-all">{subject(a.subject)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}
