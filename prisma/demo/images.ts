// Demo pictures drawn as SVG at seed time: no external URL, no binary in the repository.
import type { StallCategory } from "../../app/models/categories";

const PALETTE: Record<StallCategory, [string, string]> = {
  miellerie: ["#f4d27a", "#c98a12"],
  fleuriste: ["#f6c7cf", "#b3261e"],
  "depot-vente": ["#cfd8e3", "#3c5a80"],
  "produits-de-fete": ["#f3e3c3", "#8f1d17"],
  chocolatier: ["#d9b99b", "#5a3320"],
  "jouets-en-bois": ["#f0d9b5", "#9a6a00"],
  santons: ["#f2dcc8", "#a0522d"],
  "vins-terroir": ["#e8c9d2", "#6e1611"],
  boulangerie: ["#f5e1b8", "#b0722a"],
  bougies: ["#fbe9c6", "#d98c1f"],
  artisanat: ["#d9ebe1", "#1f6b48"],
  decorations: ["#d9e4f5", "#17573a"],
};

// One simple pictogram per category, drawn in a 100×100 box.
const GLYPH: Record<StallCategory, string> = {
  miellerie:
    '<rect x="28" y="34" width="44" height="50" rx="10"/><rect x="32" y="24" width="36" height="12" rx="3"/><path d="M38 60h24" stroke="#fff" stroke-width="4"/>',
  fleuriste:
    '<circle cx="50" cy="38" r="10"/><circle cx="36" cy="46" r="10"/><circle cx="64" cy="46" r="10"/><circle cx="42" cy="58" r="10"/><circle cx="58" cy="58" r="10"/><rect x="47" y="62" width="6" height="26"/>',
  "depot-vente": '<path d="M30 30l12-8h16l12 8 10 16-10 6v34H30V52l-10-6z"/>',
  "produits-de-fete":
    '<path d="M38 22h24l-4 30a8 8 0 0 1-16 0z"/><rect x="47" y="56" width="6" height="22"/><rect x="36" y="78" width="28" height="6" rx="3"/>',
  chocolatier:
    '<rect x="26" y="26" width="48" height="52" rx="4"/><path d="M26 43h48M26 60h48M42 26v52M58 26v52" stroke="#fff" stroke-width="3"/>',
  "jouets-en-bois":
    '<circle cx="50" cy="40" r="18"/><path d="M50 58l-6 26h12z"/><rect x="47" y="14" width="6" height="10"/>',
  santons: '<circle cx="50" cy="30" r="11"/><path d="M32 86c0-28 6-44 18-44s18 16 18 44z"/>',
  "vins-terroir":
    '<path d="M43 16h14v18c8 4 10 10 10 18v34H33V52c0-8 2-14 10-18z"/><rect x="38" y="54" width="24" height="18" fill="#fff" opacity=".7"/>',
  boulangerie:
    '<path d="M20 62c0-18 14-30 30-30s30 12 30 30c0 6-4 10-10 10H30c-6 0-10-4-10-10z"/><path d="M38 42l6 12M52 40l4 14M64 44l2 12" stroke="#fff" stroke-width="3"/>',
  bougies: '<rect x="36" y="40" width="28" height="46" rx="3"/><path d="M50 18c6 8 6 14 0 18-6-4-6-10 0-18z"/>',
  artisanat:
    '<circle cx="50" cy="52" r="26"/><path d="M28 40c14 6 30 6 44 0M26 56c16 6 32 6 48 0M34 72c10 4 22 4 32 0" stroke="#fff" stroke-width="3" fill="none"/>',
  decorations: '<path d="M50 14l10 24 26 2-20 17 7 25-23-14-23 14 7-25-20-17 26-2z"/>',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A 4:3 picture with the category's colours, a pictogram, snowflakes and an optional caption. */
export function demoPicture(category: StallCategory, caption: string, seed: number): string {
  const [light, dark] = PALETTE[category];
  const flakes = Array.from({ length: 14 }, (_, i) => {
    const x = (seed * 37 + i * 53) % 400;
    const y = (seed * 17 + i * 29) % 300;
    const r = 1.5 + ((seed + i) % 3);
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="#fff" opacity=".75"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="800" height="600">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="#fffdf8"/></linearGradient></defs>
<rect width="400" height="300" fill="url(#g)"/>${flakes}
<g transform="translate(130 40) scale(1.4)" fill="${dark}">${GLYPH[category]}</g>
${caption ? `<text x="200" y="272" text-anchor="middle" font-family="Georgia, serif" font-size="22" fill="${dark}">${escapeXml(caption)}</text>` : ""}
</svg>`;
}
