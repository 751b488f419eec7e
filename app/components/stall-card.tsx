import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { StatusBadge } from "~/components/status-badge";
import type { Translate } from "~/i18n";
import { CATEGORY_EMOJI, isStallCategory } from "~/models/categories";
import { useT } from "~/utils/i18n";

export function categoryLabel(t: Translate, category: string): string {
  return isStallCategory(category) ? t(`category.${category}`) : category;
}

export function categoryEmoji(category: string): string {
  return isStallCategory(category) ? CATEGORY_EMOJI[category] : "🎁";
}

export type StallCardData = {
  id: string;
  slug: string;
  name: string;
  category: string;
  description: string;
  photo: { thumbSrc: string; alt: string } | null;
};

export function StallCard({
  stall,
  marketSlug,
  open,
  children,
}: {
  stall: StallCardData;
  marketSlug: string;
  open: boolean;
  /** Drawn under the description: the search's matching products. */
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <article
      className="group relative flex h-full overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-bark/10 transition hover:-translate-y-0.5 hover:shadow-lg focus-within:ring-2 focus-within:ring-gold-400 min-[480px]:flex-col"
      data-stall-slug={stall.slug}
    >
      <div className="relative w-28 shrink-0 overflow-hidden bg-gold-100 min-[480px]:aspect-[4/3] min-[480px]:w-auto">
        {stall.photo ? (
          <img
            src={stall.photo.thumbSrc}
            alt=""
            width={400}
            height={300}
            loading="lazy"
            className="size-full object-cover transition group-hover:scale-105 max-[479px]:absolute max-[479px]:inset-0"
          />
        ) : (
          <div className="flex size-full items-center justify-center text-5xl" aria-hidden="true">
            {categoryEmoji(stall.category)}
          </div>
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1 p-3">
        <p className="text-xs font-semibold uppercase tracking-wide text-wine-700">
          <span aria-hidden="true">{categoryEmoji(stall.category)} </span>
          {categoryLabel(t, stall.category)}
        </p>
        <h3 className="font-display text-lg font-bold leading-snug text-fir-900">
          <Link
            to={`/m/${marketSlug}/${stall.slug}`}
            prefetch="intent"
            className="after:absolute after:inset-0 after:content-[''] focus:outline-none"
          >
            {stall.name}
          </Link>
        </h3>
        {stall.description ? <p className="line-clamp-2 text-sm text-bark/85">{stall.description}</p> : null}
        {children}
        <div className="mt-auto pt-1">
          <StatusBadge
            size="sm"
            tone={open ? "open" : "closed"}
            label={open ? t("resident.stall.openBadge") : t("resident.stall.closedBadge")}
          />
        </div>
      </div>
    </article>
  );
}
