// Link-preview pictures (1200×630) drawn as SVG and rasterised by sharp. Text is laid out by
// hand (librsvg does not wrap), so titles are wrapped on word boundaries and capped at 3 lines.
import sharp from "sharp";

export type OgCard = { eyebrow: string; title: string; subtitle: string };

/** Control characters are dropped: XML forbids them, and rows written before forms refused them may hold some. */
function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  );
}

/** Greedy word wrap by character count; the last kept line ends with "…" when text is cut. */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= maxChars || !line) line = candidate;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => (l.length > maxChars ? `${l.slice(0, maxChars - 1)}…` : l));
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, maxChars - 1)).replace(/\s+\S*$/, "")}…`;
  return kept;
}

export function ogCardSvg(card: OgCard): string {
  const lines = wrapText(card.title, 24, 3);
  const titleSize = lines.length > 2 ? 64 : 76;
  const titleTop = 250 - (lines.length - 1) * (titleSize / 2.2);
  const title = lines
    .map(
      (l, i) =>
        `<text x="80" y="${titleTop + i * titleSize * 1.12}" font-size="${titleSize}" font-weight="700">${escapeXml(l)}</text>`,
    )
    .join("");
  const flakes = Array.from({ length: 40 }, (_, i) => {
    const x = (i * 137) % 1200;
    const y = (i * 71) % 420;
    return `<circle cx="${x}" cy="${y}" r="${2 + (i % 3)}" fill="#fffdf8" opacity=".55"/>`;
  }).join("");
  const lights = Array.from({ length: 25 }, (_, i) => {
    const x = i * 50 + 10;
    const y = 46 + Math.sin((i / 24) * Math.PI * 2) * 14;
    return `<circle cx="${x}" cy="${y}" r="8" fill="${i % 3 === 0 ? "#b3261e" : "#f4d27a"}"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0b2e1f"/><stop offset="1" stop-color="#17573a"/></linearGradient></defs>
<rect width="1200" height="630" fill="url(#sky)"/>${flakes}
<path d="M-10 40 Q300 90 600 50 T1210 46" fill="none" stroke="#3b2a20" stroke-width="3"/>${lights}
<g transform="translate(1000 560) scale(2.6)">
<rect x="-5" y="-6" width="10" height="12" fill="#5a3320"/>
<path d="M-42 -6 L0 -50 L42 -6 Z" fill="#10412b"/><path d="M-34 -36 L0 -78 L34 -36 Z" fill="#1f6b48"/><path d="M-26 -64 L0 -102 L26 -64 Z" fill="#2a8a5e"/>
<path d="M0 -116 l4 9 10 1 -8 6 3 10 -9 -6 -9 6 3 -10 -8 -6 10 -1 z" fill="#f4d27a"/>
<circle cx="-20" cy="-14" r="3.2" fill="#b3261e"/><circle cx="16" cy="-20" r="3.2" fill="#f4d27a"/><circle cx="-8" cy="-44" r="3.2" fill="#f4d27a"/><circle cx="18" cy="-48" r="3.2" fill="#b3261e"/>
</g>
<path d="M0 560 Q300 530 600 556 T1200 548 V630 H0 Z" fill="#fffdf8"/>
<g font-family="Georgia, 'DejaVu Serif', serif" fill="#fffdf8">
<text x="80" y="150" font-size="30" font-weight="700" fill="#f4d27a" letter-spacing="4">${escapeXml(card.eyebrow.toUpperCase())}</text>
${title}
<text x="80" y="${titleTop + lines.length * titleSize * 1.12 + 20}" font-size="34" fill="#d9ebe1">${escapeXml(wrapText(card.subtitle, 48, 1)[0] ?? "")}</text>
</g>
<text x="80" y="605" font-family="Georgia, 'DejaVu Serif', serif" font-size="30" font-weight="700" fill="#10412b">Chalet</text>
</svg>`;
}

// Rendered cards by path and last change; a small cap keeps memory bounded.
const cache = new Map<string, Buffer>();
const CACHE_LIMIT = 200;

export async function renderOgCard(cacheKey: string, card: OgCard): Promise<Buffer> {
  const hit = cache.get(cacheKey);
  if (hit) {
    cache.delete(cacheKey);
    cache.set(cacheKey, hit); // most recently used goes last
    return hit;
  }
  const png = await sharp(Buffer.from(ogCardSvg(card)))
    .png({ compressionLevel: 9, palette: false })
    .toBuffer();
  cache.set(cacheKey, png);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return png;
}
