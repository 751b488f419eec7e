// Emails about a stall's review: its organisers when a merchant submits one, the merchant when
// it is approved or rejected. Each is written to the outbox in its recipient's language. They are
// sent after the write they tell about has committed, and their failure is only logged: the
// stall exists (or is decided) whether or not the mail could be written.
import { createTranslator, isLocale } from "~/i18n";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { sendEmail } from "~/utils/mailer.server";
import { ORGANISER } from "./authorization.server";
import { LEGAL_FIELDS, missingLegalFields } from "./stall-legal";

/** A console page, from PUBLIC_URL (emails are read elsewhere than any request's Host). */
function consoleLink(path: string): string {
  return new URL(path, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).href;
}

function translatorFor(locale: string) {
  return createTranslator(isLocale(locale) ? locale : "fr");
}

/** Every organiser of the stall's town is told that a stall awaits their approval. */
export async function notifyStallAwaitingReview(stallId: string): Promise<void> {
  try {
    const stall = await db.stall.findUnique({
      where: { id: stallId },
      select: {
        name: true,
        legalName: true,
        siret: true,
        legalAddress: true,
        owner: { select: { name: true } },
        market: {
          select: {
            id: true,
            name: true,
            town: {
              select: {
                memberships: {
                  where: { role: ORGANISER, user: { deletedAt: null } },
                  select: { user: { select: { email: true, locale: true } } },
                },
              },
            },
          },
        },
      },
    });
    if (!stall) return;
    const link = consoleLink(`/organiser/markets/${stall.market.id}/stalls`);
    const missing = missingLegalFields(stall);
    for (const { user } of stall.market.town.memberships) {
      const t = translatorFor(user.locale);
      const lines = [
        t("legal.mail.awaiting.text", {
          stall: stall.name,
          merchant: stall.owner.name,
          market: stall.market.name,
          link,
        }),
      ];
      if (missing.length > 0) {
        lines.push(
          t("legal.mail.awaiting.missing", {
            fields: LEGAL_FIELDS.filter((f) => missing.includes(f))
              .map((f) => t(`legal.missing.${f}`))
              .join(", "),
          }),
        );
      }
      await sendEmail({
        to: user.email,
        subject: t("legal.mail.awaiting.subject", { stall: stall.name, market: stall.market.name }),
        text: lines.join("\n\n"),
      });
    }
  } catch (error) {
    console.error(`Stall ${stallId}: the organisers' email could not be written`, error);
  }
}

/** The merchant is told of the organisers' decision (called once per change of status). */
export async function notifyStallDecision(stallId: string, decision: "APPROVED" | "REJECTED"): Promise<void> {
  try {
    const stall = await db.stall.findUnique({
      where: { id: stallId },
      select: {
        id: true,
        name: true,
        slug: true,
        owner: { select: { email: true, locale: true, deletedAt: true } },
        market: { select: { name: true, slug: true, status: true } },
      },
    });
    if (!stall || stall.owner.deletedAt) return;
    const t = translatorFor(stall.owner.locale);
    const vars = {
      stall: stall.name,
      market: stall.market.name,
      console: consoleLink(`/merchant/stalls/${stall.id}`),
      page: consoleLink(`/m/${stall.market.slug}/${stall.slug}`),
    };
    const approved = decision === "APPROVED";
    await sendEmail({
      to: stall.owner.email,
      subject: t(approved ? "legal.mail.approved.subject" : "legal.mail.rejected.subject", vars),
      text: t(approved ? "legal.mail.approved.text" : "legal.mail.rejected.text", vars),
    });
  } catch (error) {
    console.error(`Stall ${stallId}: the merchant's ${decision} email could not be written`, error);
  }
}
