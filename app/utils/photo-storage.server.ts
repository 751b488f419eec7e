// Where photos' bytes live: one small interface, and its default keeps them in PostgreSQL
// (PhotoFile), so every instance reads what any instance stored without a shared disk, and
// pg_dump backs them up with the rest. Keys are random or content-addressed and never reused:
// what a key names never changes, which makes /uploads/<key> cacheable for a year.
import { db, type Db, type Prisma } from "./db.server";

export type PhotoFileInput = { key: string; contentType: string; bytes: Buffer };
export type PhotoFileHead = { key: string; contentType: string; size: number };

/** A client or an open transaction: writes can join the transaction of the rows they belong to. */
type Client = Pick<Db, "photoFile"> | Prisma.TransactionClient;

export interface PhotoStorage {
  /** Stores all the files or none. A key already stored is left as it is (its bytes are the same). */
  put(files: PhotoFileInput[], client?: Client): Promise<void>;
  /** The file's type and size without its bytes (HEAD, 304), or null. */
  head(key: string): Promise<PhotoFileHead | null>;
  get(key: string): Promise<(PhotoFileHead & { bytes: Buffer }) | null>;
  delete(keys: string[], client?: Client): Promise<void>;
}

/** The keys /uploads/<key> may name: one or two path segments of plain characters, no "..". */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9]+)?(?:\/[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9]+)?)?$/;
export function isPhotoKey(key: string): boolean {
  return key.length <= 200 && KEY.test(key);
}

/** The storage key of an /uploads/… URL, or null for any other address. */
export function photoKeyOf(src: string): string | null {
  if (!src.startsWith("/uploads/")) return null;
  const key = src.slice("/uploads/".length);
  return isPhotoKey(key) ? key : null;
}

export function createPostgresPhotoStorage(base: Pick<Db, "photoFile" | "$queryRaw">): PhotoStorage {
  const head = { key: true, contentType: true, size: true } as const;
  return {
    async put(files, client = base) {
      if (files.length === 0) return;
      // One statement: all rows or none.
      await client.photoFile.createMany({
        data: files.map((f) => ({
          key: f.key,
          contentType: f.contentType,
          size: f.bytes.byteLength,
          // A copy: Prisma's type wants an unshared ArrayBuffer, which a Buffer's may not be.
          bytes: new Uint8Array(f.bytes),
        })),
        skipDuplicates: true,
      });
    },
    head(key) {
      return base.photoFile.findUnique({ where: { key }, select: head });
    },
    async get(key) {
      // Read as base64 text, not through Prisma's Bytes: measured on a 533 KB file, 3.5 ms against
      // 31 ms (Prisma converts bytea results slowly). Buffer's decoder skips encode()'s line breaks.
      const [file] = await base.$queryRaw<(PhotoFileHead & { base64: string })[]>`
        SELECT "key", "contentType", "size", encode("bytes", 'base64') AS "base64"
        FROM "PhotoFile" WHERE "key" = ${key}`;
      if (!file) return null;
      return {
        key: file.key,
        contentType: file.contentType,
        size: file.size,
        bytes: Buffer.from(file.base64, "base64"),
      };
    },
    async delete(keys, client = base) {
      if (keys.length === 0) return;
      await client.photoFile.deleteMany({ where: { key: { in: keys } } });
    },
  };
}

/** The storage the app uses. Another backend (an object store) would be chosen here. */
export const photoStorage: PhotoStorage = createPostgresPhotoStorage(db);
