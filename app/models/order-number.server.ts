// An order's identity for people: its number in the market (1, 2, 3…, from the market's counter,
// so two orders never share one however close they are), its reference ("R-0142": the town's
// initial and the number) and its pickup code (what the buyer shows, as text and as a QR code).
import { randomInt } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";

/**
 * The reference, in SQL, from a town's name (`townName`) and the number (`n`): the one place its
 * format is written (the reservation statement and nextOrderIdentity use it).
 */
export const REFERENCE_SQL = (townName: string, n: string) =>
  `UPPER(LEFT(COALESCE(NULLIF(${townName}, ''), 'C'), 1)) || '-' || LPAD((${n})::text, GREATEST(4, LENGTH((${n})::text)), '0')`;

// No 0/O, 1/I/L: read aloud at a stall or typed from a phone screen, a code must not be mistaken.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const PICKUP_CODE_LENGTH = 6;

/** A new pickup code: 31⁶ (about 887 million) codes, unique within a market (Order's constraint). */
export function newPickupCode(): string {
  let code = "";
  for (let i = 0; i < PICKUP_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A typed or scanned code as stored: upper case, without spaces or dashes. */
export function normalisePickupCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

/** A normalised code of the right shape (six characters of the alphabet): anything else is a typo. */
export function isPickupCode(code: string): boolean {
  return code.length === PICKUP_CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
}

/**
 * The next number of a market and its reference, for an order written outside the reservation
 * batch (which numbers its orders itself, in the same statement): test fixtures, the demo seed.
 */
export async function nextOrderIdentity(
  tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">,
  marketId: string,
): Promise<{ number: number; reference: string; pickupCode: string }> {
  const [row] = await tx.$queryRawUnsafe<{ number: number; reference: string }[]>(
    `UPDATE "Market" m SET "orderCounter" = m."orderCounter" + 1
       FROM "Town" t WHERE m."id" = $1 AND t."id" = m."townId"
     RETURNING m."orderCounter" AS "number", ${REFERENCE_SQL('t."name"', 'm."orderCounter"')} AS "reference"`,
    marketId,
  );
  if (!row) throw new Error(`nextOrderIdentity: no market ${marketId}`);
  return { ...row, pickupCode: newPickupCode() };
}
