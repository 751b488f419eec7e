import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

/**
 * The sign-up and log-in links of an invitation's page (a stall's, a town team's), for a visitor
 * not logged in. Both come back to the invitation; the sign-up reads the invited address from that
 * way back (app/models/signup.server.ts, invitedEmailFor).
 */
export function InvitationAccountLinks({ here, title, intro }: { here: string; title: string; intro: string }) {
  const t = useT();
  const redirectTo = encodeURIComponent(here);
  return (
    <section aria-labelledby="account-title" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-fir-600/20">
      <h2 id="account-title" className="mb-2 text-2xl font-semibold text-fir-900">
        {title}
      </h2>
      <p className="mb-4 text-bark">{intro}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Link
          to={`/signup?redirectTo=${redirectTo}`}
          className="inline-flex min-h-12 items-center justify-center rounded-full bg-fir-700 px-5 font-semibold text-snow hover:bg-fir-800"
        >
          {t("merchant.invite.signup")}
        </Link>
        <Link
          to={`/login?redirectTo=${redirectTo}`}
          className="inline-flex min-h-12 items-center justify-center rounded-full px-5 font-semibold text-fir-800 ring-1 ring-fir-600/50 hover:bg-fir-50"
        >
          {t("merchant.invite.login")}
        </Link>
      </div>
    </section>
  );
}
