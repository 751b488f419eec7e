// The plan editor's form: one chalet's number and spot. Messages are dictionary keys.
import { z } from "zod";
import { CHALET_NUMBER_MAX, CHALET_NUMBER_MIN, PLAN_MAX, PLAN_MIN } from "~/models/market-plan";

const whole = (min: number, max: number, message: "plan.numberRange" | "plan.positionRange") =>
  z
    .number({ required_error: "form.required", invalid_type_error: message })
    .int(message)
    .min(min, message)
    .max(max, message);

export const chaletEditSchema = z.object({
  stallId: z.string({ required_error: "form.required" }).min(1, "form.required"),
  chaletNumber: whole(CHALET_NUMBER_MIN, CHALET_NUMBER_MAX, "plan.numberRange"),
  planX: whole(PLAN_MIN, PLAN_MAX, "plan.positionRange"),
  planY: whole(PLAN_MIN, PLAN_MAX, "plan.positionRange"),
  swap: z.boolean().default(false),
});
