// How a person is named in a stall's public chat: visitors by first name and the initial of the
// rest ("Lucas Martin" → "Lucas M."), never the full name, which residents did not choose to
// publish to a whole market. The stall's own merchant keeps the name they sell under (often a
// business's: "Association La Seconde Étoffe"; their stall's legal notice names them anyway) and
// their badge (ChatAuthor.isMerchant). The organisers' reports console shows the full name: they
// mute people and need to know whom (chat-moderation.server.ts).

/** A word with at least one letter or digit: a lone emoji or dash is not a first name. */
const WORDY = /[\p{L}\p{N}]/u;
const LETTER = /[\p{L}\p{N}]/u;

const segmenter =
  typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter("fr", { granularity: "grapheme" }) : null;

/** The first letter (or digit) of a word, as a whole grapheme: "é" with its accent, never half of one. */
function initialOf(word: string): string | null {
  const graphemes = segmenter ? [...segmenter.segment(word)].map((s) => s.segment) : Array.from(word);
  const first = graphemes.find((g) => LETTER.test(g));
  return first ? first.toLocaleUpperCase("fr") : null;
}

/**
 * "Jean-Pierre de la Tour" → "Jean-Pierre D.", "Lucas" → "Lucas", "🎅 Marie Noël" → "Marie N.".
 * The first word with a letter is the first name (a hyphenated one stays whole); the initial is
 * the first letter of the words after it, particles included (as the name is written). A name
 * with no letter at all (only emoji) is shown as written.
 */
export function chatDisplayName(fullName: string): string {
  const words = fullName.trim().split(/\s+/u).filter(Boolean);
  const at = words.findIndex((w) => WORDY.test(w));
  if (at === -1) return fullName.trim();
  const first = words[at]!;
  const initial = words
    .slice(at + 1)
    .map(initialOf)
    .find((i) => i !== null);
  return initial ? `${first} ${initial}.` : first;
}

/** The name a chat author is shown by in a stall's room: its merchant in full, anyone else shortened. */
export function chatAuthorName(fullName: string, isStallMerchant: boolean): string {
  return isStallMerchant ? fullName.trim() : chatDisplayName(fullName);
}
