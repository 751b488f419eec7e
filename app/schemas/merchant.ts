// Forms of the merchant console. Shared by browser and server (no server imports); every
// message is a dictionary key so errors come out in the merchant's language.
import { z } from "zod";
import { STALL_CATEGORIES } from "~/models/categories";
import { isValidSiret, LEGAL_ADDRESS_MAX, LEGAL_NAME_MAX, normaliseSiret } from "~/models/stall-legal";
import { withoutControlCharacters } from "~/schemas/text";

export const STALL_NAME_MAX = 80;
export const PRODUCT_NAME_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const PICKUP_MAX = 1000;
export const ALT_MAX = 200;
/** Above this a typo is more likely than a real stock. */
export const STOCK_MAX = 100_000;
/** 10 000 € per item: a Christmas market sells no cars. */
export const PRICE_MAX_CENTS = 1_000_000;
export const STALL_PHOTOS_MAX = 8;
export const PRODUCT_PHOTOS_MAX = 4;

/**
 * "12,50", "12.50", "12,5", "12" or "12 €" -> 1250; anything else (negative, letters,
 * three decimals, thousands separators) -> null. Merchants type prices on a French phone
 * keyboard, so the decimal comma is as valid as the point.
 */
export function parsePriceToCents(input: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*€?\s*$/.exec(input);
  if (!match) return null;
  const euros = Number(match[1]);
  const cents = Number((match[2] ?? "0").padEnd(2, "0"));
  return euros * 100 + cents;
}

/** Shows cents the way a French merchant types them back: 1250 -> "12,50". */
export function centsToInput(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
}

const requiredString = () => z.string({ required_error: "form.required", invalid_type_error: "form.required" });

const optionalText = (max: number, multiLine = false) =>
  withoutControlCharacters(
    z.string({ invalid_type_error: "form.invalidChoice" }).trim().max(max, "form.tooLong"),
    multiLine,
  )
    .optional()
    .default("");

const stockNumber = () =>
  z
    .number({ required_error: "form.required", invalid_type_error: "form.invalidNumber" })
    .int("form.invalidNumber")
    .min(0, "form.mustBePositive")
    .max(STOCK_MAX, "merchant.form.stockTooLarge");

export const stallSchema = z.object({
  name: withoutControlCharacters(requiredString().trim().min(2, "form.tooShort").max(STALL_NAME_MAX, "form.tooLong")),
  category: z.enum(STALL_CATEGORIES, {
    errorMap: (issue) => ({
      message: issue.code === "invalid_type" && issue.received === "undefined" ? "form.required" : "form.invalidChoice",
    }),
  }),
  description: optionalText(DESCRIPTION_MAX, true),
  pickupDetails: optionalText(PICKUP_MAX, true),
  // The legal identity may be completed after the stall is created (a SIRET can be on its way),
  // but not left out of an approval: decideStall refuses an incomplete one.
  legalName: optionalText(LEGAL_NAME_MAX),
  siret: z
    .string({ invalid_type_error: "form.invalidChoice" })
    .transform(normaliseSiret)
    .refine((siret) => siret === "" || isValidSiret(siret), "legal.siret.invalid")
    .optional()
    .default(""),
  legalAddress: optionalText(LEGAL_ADDRESS_MAX, true),
});
export type StallInput = z.output<typeof stallSchema>;

const price = requiredString().transform((value, ctx) => {
  const cents = parsePriceToCents(value);
  if (cents === null) {
    const negative = /^\s*-/.test(value);
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: negative ? "form.mustBePositive" : "merchant.form.invalidPrice",
    });
    return z.NEVER;
  }
  if (cents > PRICE_MAX_CENTS) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "merchant.form.priceTooHigh" });
    return z.NEVER;
  }
  return cents;
});

export const productSchema = z.object({
  name: withoutControlCharacters(requiredString().trim().min(2, "form.tooShort").max(PRODUCT_NAME_MAX, "form.tooLong")),
  description: optionalText(DESCRIPTION_MAX, true),
  price,
  stock: stockNumber(),
  /** The stock shown when the form was opened: a sale made meanwhile is not overwritten. */
  stockWas: stockNumber().optional(),
  photoAlt: optionalText(ALT_MAX),
});
export type ProductInput = z.output<typeof productSchema>;

/** One tap on the quick stock screen: +1 / -1, or a number typed in. */
export const stockChangeSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("adjust"),
      productId: requiredString(),
      delta: z
        .number({ required_error: "form.required", invalid_type_error: "form.invalidNumber" })
        .int("form.invalidNumber")
        .min(-STOCK_MAX, "form.invalidNumber")
        .max(STOCK_MAX, "form.invalidNumber")
        .refine((n) => n !== 0, "form.invalidNumber"),
    }),
    z.object({
      intent: z.literal("set"),
      productId: requiredString(),
      stock: stockNumber(),
      stockWas: stockNumber().optional(),
    }),
  ],
  { errorMap: () => ({ message: "form.invalidChoice" }) },
);
export type StockChange = z.output<typeof stockChangeSchema>;

export const photoAltSchema = z.object({
  intent: z.literal("alt"),
  photoId: requiredString(),
  alt: optionalText(ALT_MAX),
});

export const photoMainSchema = z.object({
  intent: z.literal("main"),
  photoId: requiredString(),
});

export const photoDeleteSchema = z.object({
  intent: z.literal("delete"),
  photoId: requiredString(),
});

export const productVisibilitySchema = z.object({
  intent: z.literal("visibility"),
  productId: requiredString(),
  active: z.enum(["true", "false"], { errorMap: () => ({ message: "form.invalidChoice" }) }),
});

export const productMoveSchema = z.object({
  intent: z.literal("move"),
  productId: requiredString(),
  direction: z.enum(["up", "down"], { errorMap: () => ({ message: "form.invalidChoice" }) }),
});
