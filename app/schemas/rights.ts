// The account deletion form, shared by the browser (checked before sending) and the server.
import { z } from "zod";
import { PASSWORD_MAX } from "./accounts";

export const DeleteAccountSchema = z.object({
  // No minimum beyond one character: older accounts may have shorter passwords.
  password: z
    .string({ required_error: "form.required", invalid_type_error: "form.required" })
    .min(1, "form.required")
    .max(PASSWORD_MAX, "form.tooLong"),
  // A checkbox: Conform reads "on" as true, and an unticked box sends nothing.
  confirm: z
    .boolean({ required_error: "rights.delete.confirmRequired", invalid_type_error: "rights.delete.confirmRequired" })
    .refine((ticked) => ticked, "rights.delete.confirmRequired"),
});
