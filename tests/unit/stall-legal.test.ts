import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { formatSiret, isValidSiret, missingLegalFields, normaliseSiret } from "~/models/stall-legal";
import { stallSchema } from "~/schemas/merchant";

describe("SIRET", () => {
  it.each([
    // Invented numbers of the usual shape: a SIREN with a Luhn key, then the establishment's NIC.
    "81234567600017",
    "82026480200019",
    "90737531500013",
    // La Poste's head office passes Luhn like any SIRET.
    "35600000000048",
  ])("accepts %s (Luhn key)", (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it("accepts a La Poste establishment whose digits add up to a multiple of 5 though Luhn refuses it", () => {
    // 3+5+6+1 = 15: La Poste's rule; the Luhn sum of these digits is 16.
    expect(isValidSiret("35600000000010")).toBe(true);
    // The same number outside La Poste's SIREN is refused: the exception is La Poste's only.
    expect(isValidSiret("35700000000010")).toBe(false);
    // A La Poste number neither rule accepts.
    expect(isValidSiret("35600000000011")).toBe(false);
  });

  it.each([
    ["a wrong key (last digit changed)", "81234567600018"],
    ["two digits swapped", "81234567600071"],
    ["13 digits", "8123456760001"],
    ["15 digits", "812345676000170"],
    ["letters", "8123456760001A"],
    ["empty", ""],
  ])("refuses %s", (_label, siret) => {
    expect(isValidSiret(siret)).toBe(false);
  });

  it("removes the spaces (and dots) merchants copy, and formats for reading", () => {
    expect(normaliseSiret(" 812 345 676 00017 ")).toBe("81234567600017");
    expect(normaliseSiret("812.345.676.00017")).toBe("81234567600017");
    expect(normaliseSiret("812\u00a0345\u00a0676\u00a000017")).toBe("81234567600017");
    expect(formatSiret("81234567600017")).toBe("812 345 676 00017");
  });

  it("tells which parts of an identity are missing", () => {
    expect(missingLegalFields({ legalName: "EI Besson", siret: "81234567600017", legalAddress: "Rueil" })).toEqual([]);
    expect(missingLegalFields({ legalName: " ", siret: "81234567600018", legalAddress: "" })).toEqual([
      "legalName",
      "siret",
      "legalAddress",
    ]);
  });
});

describe("the stall form's legal identity", () => {
  const base = { name: "Miellerie", category: "miellerie" };
  const parse = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries({ ...base, ...fields })) data.append(k, v);
    return parseWithZod(data, { schema: stallSchema });
  };

  it("stores a SIRET typed with spaces without them", () => {
    const submission = parse({ legalName: "EI Besson", siret: "812 345 676 00017", legalAddress: "Rueil" });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value.siret).toBe("81234567600017");
  });

  it("may be left empty (completed before approval)", () => {
    const submission = parse({});
    expect(submission.status === "success" && submission.value).toMatchObject({
      legalName: "",
      siret: "",
      legalAddress: "",
    });
  });

  it("refuses a SIRET with a wrong key with its own message", () => {
    const submission = parse({ siret: "812 345 676 00018" });
    expect(submission.status === "error" ? submission.error?.siret : null).toEqual(["legal.siret.invalid"]);
  });
});
