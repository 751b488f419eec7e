// Forms about a town: the first start's set-up (the administrator's account and the first town)
// and the town's settings. Shared by the browser (checked before sending) and the server.
import { z } from "zod";
import { SignupSchema } from "~/schemas/accounts";
import { SLUG_RE } from "~/schemas/organiser";
import { withoutControlCharacters } from "~/schemas/text";

const required = { required_error: "form.required", invalid_type_error: "form.required" };

export const TOWN_NAME_MAX = 100;
export const TOWN_TEXT_MAX = 300;
export const TOWN_PHONE_MAX = 40;

/** A single-line text that may be left empty (Conform reads an empty field as missing). */
const optionalLine = (max: number) => withoutControlCharacters(z.string().trim().max(max, "form.tooLong")).default("");
const optionalEmail = z
  .string()
  .trim()
  .max(254, "form.tooLong")
  .email("form.invalidEmail")
  .optional()
  .transform((value) => value ?? "");

const townName = withoutControlCharacters(
  z.string(required).trim().min(2, "form.tooShort").max(TOWN_NAME_MAX, "form.tooLong"),
);

/** The administrator's account, with sign-up's rules (name, address, password), and the first town. */
export const SetupSchema = SignupSchema.omit({ redirectTo: true }).extend({
  townName,
  townAddress: optionalLine(TOWN_TEXT_MAX),
  townEmail: optionalEmail,
  townPhone: optionalLine(TOWN_PHONE_MAX),
});

/** The town's own website, http(s) only, or empty: visits from it count as "the town's site". */
export const TOWN_WEBSITE_MAX = 300;
const optionalWebsite = z
  .string()
  .trim()
  .max(TOWN_WEBSITE_MAX, "form.tooLong")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
    } catch {
      return false;
    }
  }, "town.field.websiteInvalid")
  .optional()
  .transform((value) => value ?? "");

export const TownSettingsSchema = z.object({
  name: townName,
  websiteUrl: optionalWebsite,
  address: optionalLine(TOWN_TEXT_MAX),
  contactEmail: optionalEmail,
  contactPhone: optionalLine(TOWN_PHONE_MAX),
  publicationDirector: optionalLine(TOWN_TEXT_MAX),
  hostName: optionalLine(TOWN_TEXT_MAX),
  hostAddress: optionalLine(TOWN_TEXT_MAX),
  hostContact: optionalLine(TOWN_TEXT_MAX),
  removeLogo: z.boolean().default(false),
});

/** A town as an administrator creates or edits it in /admin: its details and its address on the site. */
export const townSchema = z.object({
  name: townName,
  slug: z.string(required).trim().max(60, "form.tooLong").regex(SLUG_RE, "organiser.market.slugInvalid"),
  address: optionalLine(TOWN_TEXT_MAX),
  contactEmail: optionalEmail,
  contactPhone: optionalLine(TOWN_PHONE_MAX),
});

export type TownInput = z.output<typeof townSchema>;
