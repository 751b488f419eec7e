import { Fragment } from "react";
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

/** "Home › Market › Stall": links to the pages above, then the current page's name. */
export function Breadcrumb({ links, current }: { links: { to: string; label: string }[]; current: string }) {
  const t = useT();
  return (
    <nav aria-label={t("resident.market.breadcrumb")} className="text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-bark/80">
        {links.map((link) => (
          <Fragment key={link.to}>
            <li>
              <Link to={link.to} className="underline-offset-4 hover:underline">
                {link.label}
              </Link>
            </li>
            <li aria-hidden="true">›</li>
          </Fragment>
        ))}
        <li>
          <span aria-current="page" className="font-semibold text-fir-900">
            {current}
          </span>
        </li>
      </ol>
    </nav>
  );
}
