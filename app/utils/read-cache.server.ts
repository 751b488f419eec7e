import { catalogueVersion } from "./db.server";

/**
 * A memo for the hottest public reads (the stall page): each Prisma query costs a few hundred
 * microseconds through the driver adapter, and a stall page is read far more often than it
 * changes. An entry is served only while no catalogue write (stock included) has happened in
 * this process since it was read, and for at most `ttlMs`, which bounds staleness for writes
 * made by another process.
 */
export function createReadCache<Value>(ttlMs: number, maxEntries = 2000) {
  let version = -1;
  let entries = new Map<string, { value: Value; readAt: number; version: number }>();

  return async function read(key: string, load: () => Promise<Value>): Promise<Value> {
    const current = catalogueVersion();
    if (current !== version) {
      entries = new Map();
      version = current;
    }
    const hit = entries.get(key);
    if (hit && hit.version === current && performance.now() - hit.readAt < ttlMs) return hit.value;
    const readAt = performance.now();
    const value = await load();
    if (entries.size >= maxEntries) entries.clear();
    // Keyed by the version seen before the read: a write during the read makes it a miss next time.
    entries.set(key, { value, readAt, version: current });
    return value;
  };
}
