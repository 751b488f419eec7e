import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import sharp from "sharp";
import { env } from "./env.server";
import { readForm } from "./forms.server";

export const ACCEPTED_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/avif"] as const;
/** Widths stored for every photo: a thumbnail for lists and a large one for pages. */
const SIZES = { thumb: 480, large: 1280 } as const;

export class UploadError extends Error {
  constructor(
    readonly key: "upload.tooLarge" | "upload.wrongType" | "upload.unreadable",
    readonly status: 400 | 413 | 415,
  ) {
    super(key);
  }
}

/**
 * Reads a multipart form, holding files in memory up to MAX_UPLOAD_BYTES each. A larger
 * file is refused with UploadError (413) before the rest is read; the whole body was already
 * bounded by limitBodies in server/http-guards.ts.
 */
export async function readMultipartForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) return readForm(request);
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: env.MAX_UPLOAD_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw new UploadError("upload.tooLarge", 413);
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
 * trusted), strips metadata (GPS positions from phones), and stores two WebP renditions.
 */
export async function storeImage(file: File): Promise<StoredImage> {
  if (file.size > env.MAX_UPLOAD_BYTES) throw new UploadError("upload.tooLarge", 413);
  const bytes = Buffer.from(await file.arrayBuffer());
  let format: string | undefined;
  try {
    format = (await sharp(bytes).metadata()).format;
  } catch {
    throw new UploadError("upload.wrongType", 415);
  }
  if (!format || !["jpeg", "png", "webp", "heif"].includes(format)) throw new UploadError("upload.wrongType", 415);

  const dir = path.resolve(env.UPLOAD_DIR);
  await mkdir(dir, { recursive: true });
  const id = randomUUID();
  const out: Partial<Record<keyof typeof SIZES, { name: string; width: number; height: number }>> = {};
  try {
    for (const [size, width] of Object.entries(SIZES) as [keyof typeof SIZES, number][]) {
      const name = `${id}-${width}.webp`;
      const info = await sharp(bytes)
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toFile(path.join(dir, name));
      out[size] = { name, width: info.width, height: info.height };
    }
  } catch {
    throw new UploadError("upload.unreadable", 400);
  }
  return {
    src: `/uploads/${out.large!.name}`,
    thumbSrc: `/uploads/${out.thumb!.name}`,
    width: out.large!.width,
    height: out.large!.height,
  };
}
