// Form schemas of pickup points and slots (the organiser's "Retrait" tab) and of a stall's
// choice of points. Messages are dictionary keys. Dates and times stay wall-clock strings:
// app/models/schedule.ts turns them into instants in the market's time zone.
import { z } from "zod";
import { withoutControlCharacters } from "~/schemas/text";

const required = { required_error: "form.required", invalid_type_error: "form.required" };
const id = z.string(required).min(1, "form.required").max(64, "form.invalidChoice");
const date = z.string(required).regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate");
const time = z.string(required).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.invalidDate");

/** Orders a slot can take: enough for a busy evening, a typo of a thousand refused. */
export const SLOT_CAPACITY_MAX = 1000;
const capacity = z
  .number({ required_error: "form.required", invalid_type_error: "pickup.capacityRange" })
  .int("pickup.capacityRange")
  .min(1, "pickup.capacityRange")
  .max(SLOT_CAPACITY_MAX, "pickup.capacityRange");

const pointFields = {
  name: withoutControlCharacters(z.string(required).trim().min(2, "form.tooShort").max(80, "form.tooLong")),
  address: withoutControlCharacters(z.string().trim().max(200, "form.tooLong")).default(""),
  details: withoutControlCharacters(z.string().trim().max(1000, "form.tooLong"), true).default(""),
};

export const createPointSchema = z.object({ intent: z.literal("createPoint"), ...pointFields });
export const editPointSchema = z.object({ intent: z.literal("editPoint"), pointId: id, ...pointFields });
export const removePointSchema = z.object({ intent: z.literal("removePoint"), pointId: id });

export const addSlotSchema = z.object({
  intent: z.literal("addSlot"),
  pointId: id,
  date,
  startTime: time,
  endTime: time,
  capacity,
});

export const addSeriesSchema = z.object({
  intent: z.literal("addSeries"),
  pointId: id,
  fromDate: date,
  toDate: date,
  startTime: time,
  endTime: time,
  capacity,
});

export const slotCapacitySchema = z.object({ intent: z.literal("capacity"), slotId: id, capacity });
export const removeSlotSchema = z.object({ intent: z.literal("removeSlot"), slotId: id });

/** The merchant's ticks: the points their stall hands orders at (none is allowed). */
export const stallPointsSchema = z.object({
  intent: z.literal("pickup"),
  pointIds: z.array(id).max(50, "form.invalidChoice").default([]),
});
