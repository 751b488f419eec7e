// Account forms, shared by the browser (checked before sending) and the server (the check that
// counts). Messages are dictionary keys so errors come out in the visitor's language.
import { z } from "zod";
import { withoutControlCharacters } from "~/schemas/text";

export const NAME_MAX = 80;
export const EMAIL_MAX = 254; // RFC 5321 limit on a forward path
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200; // argon2 accepts more; this stops megabyte "passwords" from costing CPU

const required = { required_error: "form.required", invalid_type_error: "form.required" };

const email = z
  .string(required)
  .trim()
  .min(1, "form.required")
  .max(EMAIL_MAX, "form.tooLong")
  .email("form.invalidEmail");

// Passwords are never trimmed: spaces are characters the user chose.
const newPassword = z
  .string(required)
  .min(PASSWORD_MIN, "accounts.password.tooShort")
  .max(PASSWORD_MAX, "accounts.password.tooLong");

const redirectTo = z.string().max(2000).optional();

export const SignupSchema = z.object({
  name: withoutControlCharacters(z.string(required).trim().min(1, "form.required").max(NAME_MAX, "form.tooLong")),
  email,
  password: newPassword,
  redirectTo,
});

export const LoginSchema = z.object({
  email,
  // No minimum here: the rule for new passwords must not lock out older accounts.
  password: z.string(required).min(1, "form.required").max(PASSWORD_MAX, "form.tooLong"),
  redirectTo,
});

export const ForgotPasswordSchema = z.object({ email });

export const ResetPasswordSchema = z.object({ password: newPassword });

export type SignupInput = z.infer<typeof SignupSchema>;
export type LoginInput = z.infer<typeof LoginSchema>;
