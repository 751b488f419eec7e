// The town's form (create in /admin, edit): messages are dictionary keys.
import { z } from "zod";
import { SLUG_RE } from "~/schemas/organiser";
import { withoutControlCharacters } from "~/schemas/text";

const required = { required_error: "form.required", invalid_type_error: "form.required" };

export const townSchema = z.object({
  name: withoutControlCharacters(z.string(required).trim().min(2, "form.tooShort").max(100, "form.tooLong")),
  slug: z.string(required).trim().max(60, "form.tooLong").regex(SLUG_RE, "organiser.market.slugInvalid"),
  address: withoutControlCharacters(z.string().trim().max(300, "form.tooLong"), true).default(""),
  contactEmail: z
    .string()
    .trim()
    .max(200, "form.tooLong")
    .refine((v) => v === "" || z.string().email().safeParse(v).success, "team.invalidEmail")
    .default(""),
  contactPhone: withoutControlCharacters(z.string().trim().max(40, "form.tooLong")).default(""),
});

export type TownInput = z.output<typeof townSchema>;
