// The "Reconduire" review form: the next edition's name and address, and its sessions as the
// organiser left them (ticked or not, dates and times in the market's time zone). Dates and
// times stay strings: app/models/schedule.ts turns them into instants and refuses what cannot be.
import { z } from "zod";
import { MAX_SHIFT_WEEKS, MIN_SHIFT_WEEKS } from "~/models/market-edition";
import { withoutControlCharacters } from "~/schemas/text";
import { SLUG_RE } from "./organiser";

const required = { required_error: "form.required", invalid_type_error: "form.required" };

/** A market has a few dozen sessions; more than this is not a form a browser sent. */
export const MAX_EDITION_SESSIONS = 200;

export const editionSessionSchema = z.object({
  keep: z.boolean().default(false),
  date: z.string(required).regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate"),
  startTime: z.string(required).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.invalidDate"),
  endTime: z.string(required).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.invalidDate"),
  endsNextDay: z.boolean().default(false),
});

export const nextEditionSchema = z.object({
  name: withoutControlCharacters(z.string(required).trim().min(2, "form.tooShort").max(100, "form.tooLong")),
  slug: z.string(required).trim().max(80, "form.tooLong").regex(SLUG_RE, "organiser.market.slugInvalid"),
  sessions: z.array(editionSessionSchema).max(MAX_EDITION_SESSIONS, "form.tooLong").default([]),
});

/** The shift the organiser asks for on the review page (?weeks=53). */
export const shiftWeeksSchema = z.coerce.number().int().min(MIN_SHIFT_WEEKS).max(MAX_SHIFT_WEEKS);
