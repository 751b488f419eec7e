// Forms of a town's team (in /admin and the organisers' "Équipe" page). Messages are dictionary keys.
import { z } from "zod";

const ROLES = ["ORGANISER", "MODERATOR"] as const;
const required = { required_error: "form.required", invalid_type_error: "form.required" };
const role = z.enum(ROLES, { errorMap: () => ({ message: "team.invalidRole" }) });
const id = z.string(required).min(1, "form.required").max(100, "form.tooLong");

export const teamActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("invite"),
      email: z.string(required).trim().max(200, "form.tooLong").email("team.invalidEmail"),
      role,
    }),
    z.object({ intent: z.literal("revoke"), invitationId: id }),
    z.object({ intent: z.literal("role"), userId: id, role }),
    z.object({ intent: z.literal("remove"), userId: id }),
  ],
  { errorMap: () => ({ message: "form.invalidChoice" }) },
);
