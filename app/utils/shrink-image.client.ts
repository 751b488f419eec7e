// Photos are shrunk in the browser before they are sent: a phone's 16 MB photo becomes a JPEG or
// WebP of a few hundred kilobytes, which uploads in seconds on a market square's 4G and stays
// under the server's limit (MAX_UPLOAD_BYTES). The server still checks every byte it gets
// (app/utils/uploads.server.ts) and stores at most 1280 px anyway.

/** Longest side after shrinking: room to spare above the server's largest rendition. */
export const SHRINK_MAX_SIDE = 2000;
export const SHRINK_QUALITY = 0.85;

/** Below this a file is sent as it is: small enough, and never decoded here (a "pixel bomb" of a
 *  few kilobytes is the server's to refuse, from its header, with its own message). */
const SMALL_ENOUGH_BYTES = 1024 * 1024;

export type Shrunk = { ok: true; file: File } | { ok: false; reason: "notImage" };

/**
 * The file to send for `file`: a smaller WebP or JPEG when it is a large image, the file itself
 * when it is small already or in a format this browser cannot draw (HEIC on most browsers: the
 * server decides), or a refusal when it is not an image at all.
 */
export async function shrinkImage(file: File): Promise<Shrunk> {
  if (!file.type.startsWith("image/")) return { ok: false, reason: "notImage" };
  if (file.size <= SMALL_ENOUGH_BYTES) return { ok: true, file };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    // Not drawable here (HEIC on most browsers, a damaged file): the server decides and says why.
    return { ok: true, file };
  }
  try {
    const scale = Math.min(1, SHRINK_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext("2d");
    if (!context) return { ok: true, file };
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    // WebP keeps a PNG's transparency; browsers that cannot write it answer PNG, so JPEG then.
    let blob = await toBlob(canvas, "image/webp");
    if (blob?.type !== "image/webp") blob = await toBlob(canvas, "image/jpeg");
    if (!blob || blob.size >= file.size) return { ok: true, file };
    const extension = blob.type === "image/webp" ? "webp" : "jpg";
    const name = `${file.name.replace(/\.[^.]*$/, "") || "photo"}.${extension}`;
    return { ok: true, file: new File([blob], name, { type: blob.type, lastModified: file.lastModified }) };
  } finally {
    bitmap.close();
  }
}

function toBlob(canvas: HTMLCanvasElement, type: string): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, SHRINK_QUALITY));
}
