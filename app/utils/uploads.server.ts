import { randomUUID } from "node:crypto";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import sharp, { type Metadata } from "sharp";
import { FORM_BYTES, UPLOAD_MAX_FILES, UPLOAD_MAX_PARTS, uploadBodyBytes } from "./body-limits.server";
import { env } from "./env.server";
import { readForm } from "./forms.server";
import { photoStorage, type PhotoFileInput } from "./photo-storage.server";

export const ACCEPTED_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/avif"] as const;
/** Widths stored for every photo: a thumbnail for lists and a large one for pages. */
const SIZES = { thumb: 480, large: 1280 } as const;

/**
 * Images larger than this are refused from their header, before any decoding: a 16,000 × 16,000
 * PNG can weigh 1 MB and cost seconds of CPU to decode. 50 megapixels keeps a 48-megapixel phone
 * photo (8064 × 6048); the stored renditions are 1280 pixels wide at most anyway.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

export type UploadErrorKey =
  | "upload.tooLarge"
  | "upload.tooManyParts"
  | "upload.formTooLarge"
  | "upload.tooManyPixels"
  | "upload.wrongType"
  | "upload.unreadable";

export class UploadError extends Error {
  constructor(
    readonly key: UploadErrorKey,
    readonly status: 400 | 413 | 415 | 422,
  ) {
    super(key);
  }
}

/**
 * Bytes of a multipart body that may be read without being any part's data: boundaries and part
 * headers (a few hundred bytes a part, honestly) and the chunks the parser has read ahead. The
 * parser keeps a part's headers until they end, so this bounds what they can hold.
 */
const UNPARSED_SLACK = 512 * 1024;

/**
 * Keeps one upload's parts in memory while counting them as they stream in: at most
 * UPLOAD_MAX_PARTS parts, UPLOAD_MAX_FILES files of MAX_UPLOAD_BYTES each, FORM_BYTES of text
 * fields, and the whole body's bound. The first limit passed throws an UploadError (413), which
 * stops the parser: the rest of the body is never parsed nor kept.
 */
function countingUploadHandler() {
  let parts = 0;
  let files = 0;
  let fieldBytes = 0;
  let dataBytes = 0;
  const maxTotal = uploadBodyBytes(env.MAX_UPLOAD_BYTES);
  const handler: UploadHandler = async ({ filename, contentType, data }) => {
    const isFile = typeof filename === "string";
    if (++parts > UPLOAD_MAX_PARTS || (isFile && ++files > UPLOAD_MAX_FILES)) {
      throw new UploadError("upload.tooManyParts", 413);
    }
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let partBytes = 0;
    for await (const chunk of data) {
      partBytes += chunk.byteLength;
      dataBytes += chunk.byteLength;
      if (isFile && partBytes > env.MAX_UPLOAD_BYTES) throw new UploadError("upload.tooLarge", 413);
      if (!isFile && (fieldBytes += chunk.byteLength) > FORM_BYTES) throw new UploadError("upload.formTooLarge", 413);
      if (dataBytes > maxTotal) throw new UploadError("upload.formTooLarge", 413);
      chunks.push(chunk as Uint8Array<ArrayBuffer>); // the parser's chunks are never shared memory
    }
    // The parser appends the value under the part's name.
    if (isFile) return new File(chunks, filename, { type: contentType });
    return Buffer.concat(chunks).toString("utf8");
  };
  return { handler, dataBytes: () => dataBytes };
}

/**
 * Reads a form that may carry files: a multipart body is streamed and counted (see
 * countingUploadHandler), any other body is read as a plain form. Only the routes listed in
 * app/utils/body-limits.server.ts get here with a multipart body: server/http-guards.ts refuses
 * it everywhere else before it is read, and readForm refuses it too.
 */
export async function readMultipartForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) return readForm(request);
  if (!request.body) throw new Response("The form could not be read.", { status: 400 });
  const counter = countingUploadHandler();
  let read = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read - counter.dataBytes() > UNPARSED_SLACK) throw new UploadError("upload.formTooLarge", 413);
        controller.enqueue(chunk);
      },
    }),
    // Stopping here must not destroy the request: its connection still carries our answer
    // (server/http-guards.ts discards what remains of the body).
    { preventCancel: true },
  );
  try {
    return await unstable_parseMultipartFormData(
      new Request(request.url, { method: request.method, headers: request.headers, body: counted, duplex: "half" }),
      counter.handler,
    );
  } catch (error) {
    if (error instanceof UploadError) throw error;
    // A truncated body or a missing boundary: the client's fault, not a server error.
    throw new Response("The form could not be read.", { status: 400 });
  }
}

/** A file field that was left empty arrives as a nameless, empty File: treat it as absent. */
export function uploadedFile(value: FormDataEntryValue | null): File | null {
  return value instanceof File && value.size > 0 ? value : null;
}

export type StoredImage = { src: string; thumbSrc: string; width: number; height: number };

/**
 * Checks that the bytes really are an image of an accepted type (the declared type is not
 * trusted), strips metadata (GPS positions from phones), and stores two WebP renditions
 * (app/utils/photo-storage.server.ts), served at /uploads/<key>.
 */
export async function storeImage(file: File): Promise<StoredImage> {
  if (file.size > env.MAX_UPLOAD_BYTES) throw new UploadError("upload.tooLarge", 413);
  const bytes = Buffer.from(await file.arrayBuffer());
  let metadata: Metadata;
  try {
    // Reads the header only: nothing is decoded yet.
    metadata = await sharp(bytes).metadata();
  } catch {
    throw new UploadError("upload.wrongType", 415);
  }
  const { format, width, height } = metadata;
  if (!format || !["jpeg", "png", "webp", "heif"].includes(format)) throw new UploadError("upload.wrongType", 415);
  if (!width || !height) throw new UploadError("upload.unreadable", 400);
  if (width * height > MAX_IMAGE_PIXELS) throw new UploadError("upload.tooManyPixels", 422);

  // Both renditions are made in memory first and stored together in one statement: an image
  // that fails half-way leaves nothing stored.
  const id = randomUUID();
  const out: Partial<Record<keyof typeof SIZES, { name: string; width: number; height: number }>> = {};
  const files: PhotoFileInput[] = [];
  try {
    for (const [size, width] of Object.entries(SIZES) as [keyof typeof SIZES, number][]) {
      const name = `${id}-${width}.webp`;
      // limitInputPixels: a second guard, should a header have understated the image's size.
      const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      files.push({ key: name, contentType: "image/webp", bytes: data });
      out[size] = { name, width: info.width, height: info.height };
    }
  } catch {
    throw new UploadError("upload.unreadable", 400);
  }
  await photoStorage.put(files);
  return {
    src: `/uploads/${out.large!.name}`,
    thumbSrc: `/uploads/${out.thumb!.name}`,
    width: out.large!.width,
    height: out.large!.height,
  };
}
