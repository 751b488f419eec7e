// Form schemas of the organiser console. Messages are dictionary keys. Wall-clock dates and
// times stay strings here: their meaning depends on the market's timezone, so
// app/models/schedule.ts converts and checks them (nonexistent times, end before start).
import { z } from "zod";
import { commissionPercentSchema } from "~/models/commission";
import { withoutControlCharacters } from "~/schemas/text";

export const MARKET_STATUSES = ["DRAFT", "PUBLISHED", "ARCHIVED"] as const;
export type MarketStatusValue = (typeof MARKET_STATUSES)[number];

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The IANA names this runtime's Intl knows: what the select offers, and all the server accepts. */
export function isSupportedTimezone(zone: string): boolean {
  return Intl.supportedValuesOf("timeZone").includes(zone);
}

const required = { required_error: "form.required", invalid_type_error: "form.required" };

/**
 * Years a Christmas market can really be held in. Also keeps two-digit years out: Date.UTC
 * would read year 25 as 1925.
 */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

const date = z
  .string(required)
  .regex(DATE_RE, "form.invalidDate")
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return !DATE_RE.test(value) || (year >= YEAR_MIN && year <= YEAR_MAX);
  }, "organiser.schedule.yearOutOfRange");
const time = z.string(required).regex(TIME_RE, "form.invalidDate");

const marketFields = {
  name: withoutControlCharacters(z.string(required).trim().min(2, "form.tooShort").max(100, "form.tooLong")),
  description: withoutControlCharacters(z.string().trim().max(2000, "form.tooLong"), true).default(""),
  timezone: z.string(required).refine(isSupportedTimezone, "organiser.market.invalidTimezone"),
  status: z.enum(MARKET_STATUSES, { errorMap: () => ({ message: "form.invalidChoice" }) }),
};

export const createMarketSchema = z.object({
  ...marketFields,
  townId: z.string(required).min(1, "form.required"),
});

export const editMarketSchema = z.object({
  ...marketFields,
  slug: z.string(required).trim().max(80, "form.tooLong").regex(SLUG_RE, "organiser.market.slugInvalid"),
  removeCover: z.boolean().default(false),
  /** The town's commission, in basis points (the field is a percentage: app/models/commission.ts). */
  commission: commissionPercentSchema,
});

export const singleSessionSchema = z.object({
  intent: z.literal("single"),
  date,
  startTime: time,
  endTime: time,
  endsNextDay: z.boolean().default(false),
});

/**
 * "25/12/2026, 2026-12-31" -> ["2026-12-25", "2026-12-31"]. French day-first dates are what
 * organisers type; ISO dates are what a date picker pastes.
 */
export function parseDateList(text: string): { dates: string[]; invalid: string | null } {
  const dates: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(token);
    const fr = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(token);
    const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2], fr[1]] : [];
    if (!y || !m || !d) return { dates, invalid: token };
    const value = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
    const check = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== value) return { dates, invalid: token };
    dates.push(value);
  }
  return { dates, invalid: null };
}

const weekday = z.coerce.number({ invalid_type_error: "form.invalidChoice" }).int().min(1).max(7);

export const recurringSessionSchema = z
  .object({
    intent: z.literal("recurring"),
    fromDate: date,
    toDate: date,
    startTime: time,
    endTime: time,
    endsNextDay: z.boolean().default(false),
    skipWeekdays: z.array(weekday).default([]),
    // One date per picker row (YYYY-MM-DD; empty rows ignored); parseDateList reads them, and
    // still the older typed list (25/12/2026, …) a form may post.
    skipDates: z
      .array(z.string().max(2000, "form.tooLong").optional())
      .max(100, "form.tooLong")
      .default([])
      .transform((dates) => dates.filter((d): d is string => !!d).join(",")),
    lateWeekday: weekday.optional(),
    lateEndTime: time.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.lateWeekday && !value.lateEndTime) {
      ctx.addIssue({ code: "custom", path: ["lateEndTime"], message: "organiser.recurring.lateEndRequired" });
    }
  });

export const cancelSessionSchema = z.object({
  intent: z.literal("cancel"),
  sessionId: z.string(required).min(1),
});

export const MAX_INVITES_AT_ONCE = 50;

export const inviteSchema = z.object({
  emails: withoutControlCharacters(z.string(required).max(5000, "form.tooLong"), true),
});

/** Splits a pasted list of addresses; returns the first bad one so the message can name it. */
export function parseEmailList(text: string): { emails: string[]; invalid: string | null } {
  const tokens = text
    .split(/[\s,;]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  const emails: string[] = [];
  for (const token of tokens) {
    if (!z.string().email().safeParse(token).success) return { emails, invalid: token };
    const normalised = token.toLowerCase();
    if (!emails.includes(normalised)) emails.push(normalised);
  }
  return { emails, invalid: null };
}

export const stallDecisionSchema = z.object({
  stallId: z.string(required).min(1),
  decision: z.enum(["APPROVED", "REJECTED"], { errorMap: () => ({ message: "form.invalidChoice" }) }),
});

/** The "Relancer" button of the money tab: remind a stall's merchant to connect to Stripe. */
export const remindStallSchema = z.object({
  intent: z.literal("remind", { errorMap: () => ({ message: "form.invalidChoice" }) }),
  stallId: z.string(required).min(1, "form.required").max(100, "form.tooLong"),
});
