import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import {
  centsToInput,
  parsePriceToCents,
  productSchema,
  stallSchema,
  STALL_NAME_MAX,
  stockChangeSchema,
} from "~/schemas/merchant";

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

function errorsOf(fields: Record<string, string>, schema: Parameters<typeof parseWithZod>[1]["schema"]) {
  const submission = parseWithZod(form(fields), { schema });
  return submission.status === "success" ? null : submission.error;
}

describe("parsePriceToCents", () => {
  it.each([
    ["12,50", 1250],
    ["12.50", 1250],
    ["12,5", 1250],
    ["12", 1200],
    [" 7,05 € ", 705],
    ["0,99", 99],
    ["0", 0],
  ])("reads %s as %i cents", (input, cents) => {
    expect(parsePriceToCents(input)).toBe(cents);
  });

  it.each(["abc", "-3", "-3,50", "12,505", "1 200,00", "12,", ",50", "", "1e3", "12..5"])("refuses %j", (input) => {
    expect(parsePriceToCents(input)).toBeNull();
  });

  it("writes cents back the way they are typed", () => {
    expect(centsToInput(1250)).toBe("12,50");
    expect(centsToInput(705)).toBe("7,05");
    expect(parsePriceToCents(centsToInput(123456))).toBe(123456);
  });
});

describe("stallSchema", () => {
  const valid = { name: "Miellerie", category: "miellerie", description: "", pickupDetails: "Place de l’Église" };

  it("accepts a stall and trims its name", () => {
    const submission = parseWithZod(form({ ...valid, name: "  Miellerie  " }), { schema: stallSchema });
    expect(submission.status).toBe("success");
    if (submission.status === "success") expect(submission.value).toMatchObject({ name: "Miellerie", description: "" });
  });

  it("refuses an empty name, a too-long name and an unknown category with dictionary keys", () => {
    expect(errorsOf({ ...valid, name: "" }, stallSchema)).toMatchObject({ name: ["form.required"] });
    expect(errorsOf({ ...valid, name: "x".repeat(STALL_NAME_MAX + 1) }, stallSchema)).toMatchObject({
      name: ["form.tooLong"],
    });
    expect(errorsOf({ ...valid, category: "voitures" }, stallSchema)).toMatchObject({
      category: ["form.invalidChoice"],
    });
    expect(errorsOf({ ...valid, category: "" }, stallSchema)).toMatchObject({ category: ["form.required"] });
  });
});

describe("productSchema", () => {
  const valid = { name: "Miel de printemps", price: "12,50", stock: "3" };

  it("turns a typed price into integer cents and the stock into a number", () => {
    const submission = parseWithZod(form(valid), { schema: productSchema });
    expect(submission.status).toBe("success");
    if (submission.status === "success") expect(submission.value).toMatchObject({ price: 1250, stock: 3 });
  });

  it.each([
    [{ price: "abc" }, { price: ["merchant.form.invalidPrice"] }],
    [{ price: "-2" }, { price: ["form.mustBePositive"] }],
    [{ price: "" }, { price: ["form.required"] }],
    [{ price: "20000" }, { price: ["merchant.form.priceTooHigh"] }],
    [{ stock: "-1" }, { stock: ["form.mustBePositive"] }],
    [{ stock: "abc" }, { stock: ["form.invalidNumber"] }],
    [{ stock: "1.5" }, { stock: ["form.invalidNumber"] }],
    [{ stock: "" }, { stock: ["form.required"] }],
  ])("refuses %j", (change, expected) => {
    expect(errorsOf({ ...valid, ...change }, productSchema)).toMatchObject(expected);
  });
});

describe("stockChangeSchema", () => {
  it("reads a +1 tap and a typed stock", () => {
    const plus = parseWithZod(form({ intent: "adjust", productId: "p1", delta: "1" }), { schema: stockChangeSchema });
    expect(plus.status === "success" && plus.value).toEqual({ intent: "adjust", productId: "p1", delta: 1 });
    const set = parseWithZod(form({ intent: "set", productId: "p1", stock: "12", stockWas: "10" }), {
      schema: stockChangeSchema,
    });
    expect(set.status === "success" && set.value).toEqual({ intent: "set", productId: "p1", stock: 12, stockWas: 10 });
  });

  it("refuses a negative stock, a zero step and an unknown intent", () => {
    expect(errorsOf({ intent: "set", productId: "p1", stock: "-4" }, stockChangeSchema)).toMatchObject({
      stock: ["form.mustBePositive"],
    });
    expect(errorsOf({ intent: "adjust", productId: "p1", delta: "0" }, stockChangeSchema)).not.toBeNull();
    expect(errorsOf({ intent: "steal", productId: "p1" }, stockChangeSchema)).not.toBeNull();
  });
});
