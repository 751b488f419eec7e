// A workaround for React 18.3's streaming renderer (react-dom/server, writeStringChunk): when a
// string does not fit in its 2 KB view because a multi-byte character (é, €, a narrow no-break
// space) would straddle the end, it writes the WHOLE view, whose last one to three bytes were
// never filled: NUL bytes in the page, before that character. Which pages get them depends only
// on their length (adding a tab to the organiser's console put one in the orders tab's total).
// React 19 writes only the filled part; until then, app/entry.server.tsx drops them here.

/** React's view size: only a chunk of exactly this length can carry the padding. */
const REACT_VIEW_SIZE = 2048;
/** A UTF-8 character is at most 4 bytes, so at most 3 were left unfilled. */
const MAX_PADDING = 3;

/**
 * The chunk without React's unfilled trailing bytes. The app's HTML never holds a NUL of its own
 * (free-text fields refuse control characters), and a UTF-8 sequence never ends with one.
 */
export function withoutViewPadding(chunk: Buffer): Buffer {
  if (chunk.byteLength !== REACT_VIEW_SIZE || chunk[REACT_VIEW_SIZE - 1] !== 0) return chunk;
  let end = REACT_VIEW_SIZE;
  while (end > REACT_VIEW_SIZE - MAX_PADDING && chunk[end - 1] === 0) end--;
  return chunk.subarray(0, end);
}
