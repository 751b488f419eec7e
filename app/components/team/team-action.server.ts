// The team's loader data and form action, shared by /admin/towns/<id> and the organisers'
// /organiser/towns/<id>/team: the caller has run its guard; this validates, calls the model
// (which checks the actor again), sends the invitation through the outbox and answers.
import { data, redirect } from "@remix-run/node";
import type { MessageKey } from "~/i18n";
import { listTownAudit } from "~/models/audit.server";
import {
  changeTeamRole,
  getTeam,
  inviteTeamMember,
  removeTeamMember,
  revokeTeamInvitation,
  TeamForbiddenError,
  type TeamFailure,
} from "~/models/team.server";
import type { PublicUser } from "~/models/user.server";
import { teamActionSchema } from "~/schemas/team";
import { formatDay } from "~/utils/format";
import { formFailure, validateForm } from "~/utils/forms.server";
import { getTranslator } from "~/utils/i18n.server";
import { sendEmail } from "~/utils/mailer.server";
import { absoluteUrl } from "~/utils/url.server";

const FAILURES: Record<TeamFailure, { key: MessageKey; status: number }> = {
  notFound: { key: "team.error.notFound", status: 404 },
  notMember: { key: "team.error.notMember", status: 404 },
  alreadyMember: { key: "team.error.alreadyMember", status: 409 },
  lastOrganiser: { key: "team.error.lastOrganiser", status: 409 },
  unknown: { key: "team.error.notFound", status: 404 },
  used: { key: "team.error.notFound", status: 404 },
  expired: { key: "team.error.notFound", status: 404 },
  revoked: { key: "team.error.notFound", status: 404 },
  wrongEmail: { key: "team.error.notFound", status: 404 },
};

export type TeamDone = { ok: true; done: "invite" | "revoke" | "role" | "remove"; email?: string };

/** The team and (for /admin and organisers alike) the town's audit log, as the page shows them. */
export async function loadTeamPanel(townId: string, now: Date) {
  const [team, audit] = await Promise.all([getTeam(townId, now), listTownAudit(townId)]);
  return {
    members: team.members,
    invitations: team.invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      expired: i.expired,
      expiresAt: i.expiresAt.toISOString(),
    })),
    audit: audit.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
  };
}

/**
 * `leftTeam`: where an organiser goes who just removed or demoted themselves (the team page is no
 * longer theirs, and the page's loader would answer 403); null on /admin, which stays theirs.
 */
export async function teamAction(
  request: Request,
  formData: FormData,
  actor: PublicUser,
  townId: string,
  now: Date,
  leftTeam: { removed: string; demoted: string } | null = null,
) {
  try {
    return await applyTeamAction(request, formData, actor, townId, now, leftTeam);
  } catch (error) {
    // The guard let them through but the model did not (their role changed in between).
    if (error instanceof TeamForbiddenError) throw new Response("Forbidden", { status: 403 });
    throw error;
  }
}

async function applyTeamAction(
  request: Request,
  formData: FormData,
  actor: PublicUser,
  townId: string,
  now: Date,
  leftTeam: { removed: string; demoted: string } | null,
) {
  const parsed = validateForm(formData, teamActionSchema);
  if (!parsed.ok) return parsed.response;
  const form = parsed.value;
  const who = { id: actor.id, name: actor.name };
  if (form.intent === "invite") {
    const result = await inviteTeamMember({ actor: who, townId, email: form.email, role: form.role, now });
    if (!result.ok) return fail(result.reason);
    const { t, locale } = await getTranslator(request);
    await sendEmail({
      to: result.email,
      subject: t("team.mail.subject", { town: result.townName }),
      text: t("team.mail.text", {
        inviter: actor.name,
        town: result.townName,
        role: t(form.role === "ORGANISER" ? "team.role.ORGANISER" : "team.role.MODERATOR"),
        link: absoluteUrl(request, `/team/${result.token}`),
        expires: formatDay(result.expiresAt, "Europe/Paris", locale),
      }),
    });
    return data<TeamDone>({ ok: true, done: "invite", email: result.email });
  }
  const result =
    form.intent === "revoke"
      ? await revokeTeamInvitation({ actor: who, townId, invitationId: form.invitationId, now })
      : form.intent === "role"
        ? await changeTeamRole({ actor: who, townId, userId: form.userId, role: form.role, now })
        : await removeTeamMember({ actor: who, townId, userId: form.userId, now });
  if (!result.ok) return fail(result.reason);
  if (leftTeam && "userId" in form && form.userId === actor.id) {
    if (form.intent === "remove") return redirect(leftTeam.removed);
    if (form.role !== "ORGANISER") return redirect(leftTeam.demoted);
  }
  return data<TeamDone>({ ok: true, done: form.intent });
}

function fail(reason: TeamFailure) {
  const { key, status } = FAILURES[reason];
  return formFailure({}, key, status);
}
