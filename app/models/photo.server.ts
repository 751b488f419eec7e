// Photos of stalls and products. Queries are scoped by the stall the merchant owns: a photo id
// from someone else's stall (or a product of it) never matches.
import { STALL_PHOTOS_MAX } from "~/schemas/merchant";
import { db } from "~/utils/db.server";
import { formFailure } from "~/utils/forms.server";
import { photoKeyOf, photoStorage } from "~/utils/photo-storage.server";
import { readMultipartForm, storeImage, UploadError, type StoredImage } from "~/utils/uploads.server";

/** A photo that belongs to this stall, directly or through one of its products. */
function ownedPhoto(stallId: string, photoId: string) {
  return { id: photoId, OR: [{ stallId }, { product: { stallId } }] };
}

export function listStallPhotos(stallId: string) {
  return db.photo.findMany({
    where: { stallId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, src: true, thumbSrc: true, alt: true, width: true, height: true },
  });
}

export function countStallPhotos(stallId: string) {
  return db.photo.count({ where: { stallId } });
}

export function countProductPhotos(productId: string) {
  return db.photo.count({ where: { productId } });
}

/**
 * Reads a form that may carry files. A file over MAX_UPLOAD_BYTES gives a ready 413 response
 * (with the message key) instead of an exception.
 */
export async function readUploadForm(
  request: Request,
): Promise<{ ok: true; formData: FormData } | { ok: false; response: ReturnType<typeof formFailure> }> {
  try {
    return { ok: true, formData: await readMultipartForm(request) };
  } catch (error) {
    if (error instanceof UploadError) return { ok: false, response: uploadFailure(error) };
    throw error;
  }
}

export function uploadFailure(error: UploadError, field = "photos") {
  return formFailure({ [field]: [error.key] }, error.key, error.status);
}

/**
 * Stores the one photo a form may carry (before any database write, so a refused file changes
 * nothing); a refused file is a ready 4xx answer on `field`.
 */
export async function storeOptionalPhoto(
  file: File | null,
  field: string,
): Promise<{ ok: true; photo: StoredImage | null } | { ok: false; response: ReturnType<typeof formFailure> }> {
  if (!file) return { ok: true, photo: null };
  try {
    return { ok: true, photo: await storeImage(file) };
  } catch (error) {
    if (error instanceof UploadError) return { ok: false, response: uploadFailure(error, field) };
    throw error;
  }
}

/**
 * Stores every file, or none: if one is refused (wrong type, unreadable), the renditions of
 * the others are removed again and the error is thrown.
 */
export async function storeImages(files: File[]): Promise<StoredImage[]> {
  const stored: StoredImage[] = [];
  try {
    for (const file of files) stored.push(await storeImage(file));
    return stored;
  } catch (error) {
    await Promise.all(stored.map(removeImageFiles));
    throw error;
  }
}

/**
 * Adds the photos unless the stall would then hold more than STALL_PHOTOS_MAX (false, nothing
 * written). The count is taken in the same transaction as the inserts, under the stall's row
 * lock: a check made before the files were stored can be overtaken by parallel uploads.
 */
export async function addStallPhotos(stallId: string, images: (StoredImage & { alt: string })[]): Promise<boolean> {
  return db.$transaction(async (tx) => {
    // The stall's row lock makes parallel uploads count one after another: each counts what the
    // previous one committed.
    await tx.$queryRaw`SELECT 1 FROM "Stall" WHERE "id" = ${stallId} FOR UPDATE`;
    const count = await tx.photo.count({ where: { stallId } });
    if (count + images.length > STALL_PHOTOS_MAX) return false;
    for (const [i, image] of images.entries()) {
      await tx.photo.create({ data: { ...image, stallId, position: count + i } });
    }
    return true;
  });
}

/**
 * Makes this photo (of the stall, or of one of its products) the main one: position 0, the one
 * cards and pages show first; the others keep their order after it. False when the photo is not
 * the stall's.
 */
export async function makeMainPhoto(stallId: string, photoId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const photo = await tx.photo.findFirst({
      where: ownedPhoto(stallId, photoId),
      select: { stallId: true, productId: true },
    });
    if (!photo) return false;
    // Its gallery: the stall's own photos, or the product's.
    const gallery = photo.productId ? { productId: photo.productId } : { stallId: photo.stallId };
    // The gallery's owner row, locked: two choices at once are applied one after the other.
    if (photo.productId) await tx.$queryRaw`SELECT 1 FROM "Product" WHERE "id" = ${photo.productId} FOR UPDATE`;
    else await tx.$queryRaw`SELECT 1 FROM "Stall" WHERE "id" = ${stallId} FOR UPDATE`;
    const photos = await tx.photo.findMany({
      where: gallery,
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, position: true },
    });
    const ordered = [photoId, ...photos.map((p) => p.id).filter((id) => id !== photoId)];
    for (const [position, id] of ordered.entries()) {
      if (photos.find((p) => p.id === id)?.position !== position) {
        await tx.photo.update({ where: { id }, data: { position } });
      }
    }
    return true;
  });
}

export async function updatePhotoAlt(stallId: string, photoId: string, alt: string): Promise<boolean> {
  const updated = await db.photo.updateMany({ where: ownedPhoto(stallId, photoId), data: { alt } });
  return updated.count === 1;
}

/** Deletes the row and its files together: a photo is never left without its files. */
export async function deletePhoto(stallId: string, photoId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const photo = await tx.photo.findFirst({
      where: ownedPhoto(stallId, photoId),
      select: { src: true, thumbSrc: true },
    });
    if (!photo) return false;
    const deleted = await tx.photo.deleteMany({ where: ownedPhoto(stallId, photoId) });
    if (deleted.count !== 1) return false;
    // A stall kept from last year's edition shares its photos' files (market-edition.server.ts):
    // files another photo still shows stay.
    const keys = imageKeys(photo);
    const sources = keys.map((key) => `/uploads/${key}`);
    const stillShown = await tx.photo.findMany({
      where: { OR: [{ src: { in: sources } }, { thumbSrc: { in: sources } }] },
      select: { src: true, thumbSrc: true },
    });
    const kept = new Set(stillShown.flatMap(imageKeys));
    await photoStorage.delete(
      keys.filter((key) => !kept.has(key)),
      tx,
    );
    return true;
  });
}

/** The stored files of an image (addresses outside /uploads/ have none). */
function imageKeys(image: { src: string; thumbSrc: string }): string[] {
  return [...new Set([image.src, image.thumbSrc])].map(photoKeyOf).filter((key) => key !== null);
}

/** Removes the files of an image whose row was never written (a refused or failed save). */
export async function removeImageFiles(image: { src: string; thumbSrc: string }) {
  await photoStorage.delete(imageKeys(image));
}
