// The plan of the square and its list equivalent.
//
// Accessibility choice: the drawing is aria-hidden and its chalets are links only for pointers
// (tabIndex -1), while the numbered list next to it carries the same chalets, in the same
// order, as ordinary links. A spatial drawing says little by ear, and making both focusable
// would double every tab stop; the list is the keyboard and screen-reader path, and it is
// visible to everyone so the numbers on the drawing can be matched.
import { Link } from "@remix-run/react";
import type { SVGProps } from "react";
import { categoryEmoji, categoryLabel } from "~/components/stall-card";
import { useT } from "~/utils/i18n";

type PlanStall = {
  id: string;
  slug: string;
  name: string;
  category: string;
  planX: number;
  planY: number;
  chaletNumber: number | null;
};

/** Where a chalet is drawn: kept inside the square's border whatever its stored spot. */
export const drawnAt = (n: number) => Math.min(92, Math.max(8, n));

/** Chalets by their stored number (the one pickup texts quote); unnumbered ones last, by name. */
export function byChaletNumber<S extends { chaletNumber: number | null; name: string }>(stalls: readonly S[]): S[] {
  return [...stalls].sort(
    (a, b) => (a.chaletNumber ?? Infinity) - (b.chaletNumber ?? Infinity) || a.name.localeCompare(b.name),
  );
}

function rowKey(planY: number) {
  if (planY < 34) return "resident.market.rowNorth" as const;
  if (planY > 66) return "resident.market.rowSouth" as const;
  return "resident.market.rowCentre" as const;
}

export function StallPlan({
  stalls,
  marketSlug,
  highlighted,
}: {
  stalls: readonly PlanStall[];
  marketSlug: string;
  /** Slugs matching the current search; null when nothing is filtered. */
  highlighted: ReadonlySet<string> | null;
}) {
  const t = useT();
  const chalets = byChaletNumber(stalls);
  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <div className="lg:col-span-3">
        <svg
          viewBox="0 0 100 100"
          className="w-full rounded-2xl shadow-inner ring-1 ring-bark/10"
          aria-hidden="true"
          focusable="false"
          data-testid="stall-plan"
        >
          <PlanBackdrop />
          {chalets.map((stall) => {
            const x = drawnAt(stall.planX);
            const y = drawnAt(stall.planY);
            const dim = highlighted !== null && !highlighted.has(stall.slug);
            return (
              <a
                key={stall.id}
                href={`/m/${marketSlug}/${stall.slug}`}
                tabIndex={-1}
                className="group/chalet"
                style={{ opacity: dim ? 0.3 : 1 }}
                data-chalet={stall.slug}
              >
                <title>{stall.chaletNumber === null ? stall.name : `${stall.chaletNumber}. ${stall.name}`}</title>
                <ChaletGlyph x={x} y={y} number={stall.chaletNumber} />
              </a>
            );
          })}
        </svg>
      </div>
      <div className="lg:col-span-2">
        <h3 id="plan-list-title" className="font-display text-lg font-bold text-fir-900">
          {t("resident.market.planList")}
        </h3>
        <p className="mt-1 text-sm text-bark/80">{t("resident.market.planIntro")}</p>
        <ol aria-labelledby="plan-list-title" className="mt-3 grid gap-1 sm:grid-cols-2 lg:grid-cols-1">
          {chalets.map((stall) => (
            <li key={stall.id}>
              <Link
                to={`/m/${marketSlug}/${stall.slug}`}
                className="flex min-h-11 items-center gap-3 rounded-lg px-2 py-1.5 hover:bg-gold-100"
              >
                <span
                  className="flex size-8 shrink-0 items-center justify-center rounded-md bg-[#a0522d] text-sm font-bold text-snow"
                  aria-hidden="true"
                >
                  {stall.chaletNumber}
                </span>
                <span className="flex flex-col leading-tight">
                  <span className="font-semibold text-fir-900">
                    {stall.chaletNumber === null ? null : (
                      <span className="sr-only">{`${t("resident.market.planItem", { number: stall.chaletNumber })} : `}</span>
                    )}
                    {stall.name}
                  </span>
                  <span className="text-xs text-bark/80">
                    <span aria-hidden="true">{categoryEmoji(stall.category)} </span>
                    {categoryLabel(t, stall.category)} · {t(rowKey(stall.planY))}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

/** The square itself: cobbles, its border and the big tree in the middle. */
export function PlanBackdrop() {
  return (
    <>
      <defs>
        <pattern id="cobbles" width="4" height="4" patternUnits="userSpaceOnUse">
          <rect width="4" height="4" fill="#efe6d6" />
          <circle cx="2" cy="2" r="1.4" fill="#e4d7c0" />
        </pattern>
        <radialGradient id="glow" cx="50%" cy="50%" r="50%">
          <stop offset="0" stopColor="#f4d27a" stopOpacity=".55" />
          <stop offset="1" stopColor="#f4d27a" stopOpacity="0" />
        </radialGradient>
      </defs>
      <rect width="100" height="100" fill="url(#cobbles)" />
      <rect
        x="3"
        y="3"
        width="94"
        height="94"
        rx="4"
        fill="none"
        stroke="#d9ebe1"
        strokeWidth="1.2"
        strokeDasharray="2 1.5"
      />
      <circle cx="50" cy="50" r="28" fill="url(#glow)" />
      {/* The big tree in the middle of the square. */}
      <g transform="translate(50 54) scale(1.5)">
        <circle r="10" fill="#fffdf8" opacity=".9" />
        <path d="M-9 6 L0 -4 L9 6 Z" fill="#10412b" />
        <path d="M-7.5 0 L0 -9 L7.5 0 Z" fill="#17573a" />
        <path d="M-6 -5 L0 -13 L6 -5 Z" fill="#1f6b48" />
        <rect x="-1.2" y="6" width="2.4" height="3" fill="#5a3320" />
        <path d="M0 -16 l1 2.2 2.4.2-1.8 1.5.6 2.4L0 -11l-2.2 1.3.6-2.4-1.8-1.5 2.4-.2z" fill="#e9b949" />
        <circle cx="-3" cy="2" r=".9" fill="#b3261e" />
        <circle cx="3.5" cy="-1" r=".9" fill="#f4d27a" />
        <circle cx="-1.5" cy="-6" r=".9" fill="#f4d27a" />
        <circle cx="2" cy="-9" r=".9" fill="#b3261e" />
      </g>
    </>
  );
}

/** One chalet drawn around (x, y), its number on the sign. */
export function ChaletGlyph({
  x,
  y,
  number,
  ...rest
}: { x: number; y: number; number: number | null } & SVGProps<SVGGElement>) {
  return (
    <g transform={`translate(${x} ${y})`} {...rest}>
      <ellipse cx="0" cy="6.2" rx="7" ry="1.3" fill="#3b2a20" opacity=".15" />
      <rect x="-5.5" y="-2" width="11" height="8" fill="#a0522d" />
      <path d="M-7 -1.5 L0 -7.5 L7 -1.5 Z" fill="#5a3320" className="transition group-hover/chalet:fill-[#8f1d17]" />
      <path d="M-7 -1.5 L0 -7.5 L7 -1.5 L5.6 -1.5 L0 -6.2 L-5.6 -1.5 Z" fill="#fffdf8" />
      <rect x="-4" y="0" width="8" height="3.6" fill="#f4d27a" />
      <text
        x="0"
        y="3"
        textAnchor="middle"
        fontSize="3.2"
        fontWeight="700"
        fill="#3b2a20"
        fontFamily="system-ui, sans-serif"
      >
        {number}
      </text>
    </g>
  );
}
