// The plan editor's form: one chalet's number and spot. Messages are dictionary keys.
import { z } from "zod";
import { CHALET_NUMBER_MAX, CHALET_NUMBER_MIN, PLAN_MAX, PLAN_MIN } from "~/models/market-plan";

const whole = (min: number, max: number, message: "plan.numberRange" | "plan.positionRange") =>
  z
    .number({ required_error: "form.required", invalid_type_error: message })
    .int(message)
    .min(min, message)
    .max(max, message);

const spot = {
  stallId: z.string({ required_error: "form.required" }).min(1, "form.required"),
  planX: whole(PLAN_MIN, PLAN_MAX, "plan.positionRange"),
  planY: whole(PLAN_MIN, PLAN_MAX, "plan.positionRange"),
};

/** A row of the chalet list: number and spot, and whether a taken number may be swapped. */
export const chaletEditSchema = z.object({
  intent: z.literal("save"),
  ...spot,
  chaletNumber: whole(CHALET_NUMBER_MIN, CHALET_NUMBER_MAX, "plan.numberRange"),
  swap: z.boolean().default(false),
});

/** A chalet dropped on the drawing: its spot only. */
export const chaletMoveSchema = z.object({ intent: z.literal("move"), ...spot });
