// A drawn winter square (chalets, the big tree, a garland, snow) used as the hero picture and as
// the cover of any market without a photo. Purely decorative: always aria-hidden.
const SKIES = [
  ["#0b2e1f", "#1f6b48"],
  ["#3b1412", "#8f1d17"],
  ["#14213d", "#35507a"],
] as const;

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

function Chalet({ x, y, scale = 1, wood }: { x: number; y: number; scale?: number; wood: string }) {
  return (
    <g transform={`translate(${x} ${y}) scale(${scale})`}>
      <rect x="-26" y="-30" width="52" height="34" fill={wood} />
      <path d="M-34 -28 L0 -56 L34 -28 Z" fill="#5a3320" />
      <path d="M-34 -28 L0 -56 L34 -28 L28 -28 L0 -50 L-28 -28 Z" fill="#fffdf8" />
      <rect x="-18" y="-22" width="36" height="14" fill="#f4d27a" />
      <path d="M-18 -22 h36 l-4 6 h-28 z" fill="#b3261e" />
      <rect x="-20" y="-8" width="40" height="4" fill="#3b2a20" opacity=".6" />
    </g>
  );
}

function Tree({ x, y, scale = 1 }: { x: number; y: number; scale?: number }) {
  return (
    <g transform={`translate(${x} ${y}) scale(${scale})`}>
      <rect x="-5" y="-6" width="10" height="12" fill="#5a3320" />
      <path d="M-42 -6 L0 -50 L42 -6 Z" fill="#10412b" />
      <path d="M-34 -36 L0 -78 L34 -36 Z" fill="#17573a" />
      <path d="M-26 -64 L0 -102 L26 -64 Z" fill="#1f6b48" />
      <path d="M0 -116 l4 9 10 1 -8 6 3 10 -9 -6 -9 6 3 -10 -8 -6 10 -1 z" fill="#f4d27a" />
      {[
        [-20, -14, "#b3261e"],
        [16, -20, "#f4d27a"],
        [-8, -44, "#f4d27a"],
        [18, -48, "#b3261e"],
        [-12, -72, "#b3261e"],
        [8, -84, "#f4d27a"],
      ].map(([cx, cy, fill]) => (
        <circle key={`${cx}${cy}`} cx={cx} cy={cy} r="3.2" fill={fill as string} />
      ))}
    </g>
  );
}

export function MarketScene({
  seed,
  className = "",
  sky,
  align = "xMidYMid",
}: {
  seed: string;
  className?: string;
  /** Index in SKIES; by default picked from the seed so markets differ. */
  sky?: number;
  align?: "xMidYMid" | "xMaxYMax";
}) {
  const h = hash(seed);
  const [top, bottom] = SKIES[(sky ?? h) % SKIES.length]!;
  const id = `sky-${h.toString(36)}`;
  const flakes = Array.from({ length: 26 }, (_, i) => ({
    cx: (h + i * 67) % 400,
    cy: (h * 7 + i * 37) % 150,
    r: 0.8 + ((h + i) % 3) * 0.6,
  }));
  return (
    <svg
      viewBox="0 0 400 220"
      preserveAspectRatio={`${align} slice`}
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      <defs>
        <linearGradient id={id} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor={top} />
          <stop offset="1" stopColor={bottom} />
        </linearGradient>
      </defs>
      <rect width="400" height="220" fill={`url(#${id})`} />
      {flakes.map((f, i) => (
        <circle key={i} cx={f.cx} cy={f.cy} r={f.r} fill="#fffdf8" opacity=".8" />
      ))}
      <path d="M-10 60 Q100 95 200 70 T410 62" fill="none" stroke="#3b2a20" strokeWidth="1" opacity=".6" />
      {Array.from({ length: 15 }, (_, i) => {
        const x = i * 28 + 4;
        const y = 62 + Math.sin((i / 14) * Math.PI * 2) * 10 + 8;
        return <circle key={i} cx={x} cy={y} r="3" fill={i % 3 === 0 ? "#b3261e" : "#f4d27a"} />;
      })}
      <Chalet x={62} y={182} wood="#a0522d" />
      <Chalet x={132} y={188} scale={0.85} wood="#b0722a" />
      <Chalet x={272} y={188} scale={0.85} wood="#b0722a" />
      <Chalet x={340} y={182} wood="#a0522d" />
      <Tree x={202} y={190} scale={1.1} />
      <path d="M0 186 Q100 176 200 188 T400 182 V220 H0 Z" fill="#fffdf8" />
      <path d="M0 200 Q120 192 220 202 T400 198 V220 H0 Z" fill="#f0f7f3" />
    </svg>
  );
}

/** A market's cover: its photo when it has one, the drawn square otherwise. */
export function MarketCover({
  coverUrl,
  seed,
  className = "",
}: {
  coverUrl: string | null;
  seed: string;
  className?: string;
}) {
  if (coverUrl) return <img src={coverUrl} alt="" className={`object-cover ${className}`} loading="lazy" />;
  return <MarketScene seed={seed} className={className} />;
}
