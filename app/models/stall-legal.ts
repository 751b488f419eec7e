// A merchant's legal identity (company or trader name, SIRET, address): shown on the stall page
// and in the market's terms of sale, required before a stall is approved. Pure: the forms (browser
// and server), the review and the pages share it.

export const LEGAL_NAME_MAX = 120;
export const LEGAL_ADDRESS_MAX = 300;

/** The fields of Stall that make up the identity, in the order forms and messages list them. */
export const LEGAL_FIELDS = ["legalName", "siret", "legalAddress"] as const;
export type LegalField = (typeof LEGAL_FIELDS)[number];
export type LegalIdentity = Record<LegalField, string>;

// La Poste's establishments share one SIREN and outnumber what a Luhn key over 14 digits can
// tell apart, so INSEE numbers them with another rule: the sum of the 14 digits is a multiple
// of 5 (its head office, 356 000 000 00048, passes Luhn as well).
const LA_POSTE_SIREN = "356000000";

/** "362 521 879 00034" → "36252187900034": merchants copy SIRETs with spaces (or dots). */
export function normaliseSiret(input: string): string {
  return input.replace(/[\s.\u00a0\u202f]/g, "");
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A SIRET as stored (normalised): 14 digits whose key is right (Luhn, or La Poste's rule). */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (luhnValid(siret)) return true;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    const sum = [...siret].reduce((total, digit) => total + Number(digit), 0);
    return sum % 5 === 0;
  }
  return false;
}

/** "36252187900034" → "362 521 879 00034" (SIREN in threes, then the establishment's NIC). */
export function formatSiret(siret: string): string {
  if (!/^\d{14}$/.test(siret)) return siret;
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}

/** Which parts of the identity are missing (empty, or a SIRET that is not valid). */
export function missingLegalFields(identity: LegalIdentity): LegalField[] {
  return LEGAL_FIELDS.filter((field) => {
    const value = identity[field].trim();
    if (field === "siret") return !isValidSiret(value);
    return value === "";
  });
}
