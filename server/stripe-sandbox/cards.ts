// Stripe's test cards and IBANs, and the checks Checkout makes before it sends a card.

export type CardError =
  | "card_declined"
  | "insufficient_funds"
  | "expired_card"
  | "incorrect_number"
  | "invalid_expiry"
  | "invalid_cvc"
  | "live_card_in_test_mode";

export type CardCheck =
  | {
      ok: true;
      last4: string;
      expMonth: number;
      expYear: number;
      /** Stripe's dispute test cards: the charge succeeds, then the buyer's bank disputes it. */
      dispute?: "fraudulent";
    }
  | {
      ok: false;
      code: CardError;
      declineCode?: string;
      field: "number" | "expiry" | "cvc";
      /** A well-formed card the bank declined: Stripe made a PaymentIntent attempt and reports it. */
      declined?: { last4: string; expMonth: number; expYear: number };
    };

/** Cards that fail with a decline, as in Stripe's testing docs. */
const DECLINES: Record<string, { code: CardError; declineCode: string }> = {
  "4000000000000002": { code: "card_declined", declineCode: "generic_decline" },
  "4000000000009995": { code: "insufficient_funds", declineCode: "insufficient_funds" },
  "4000000000000069": { code: "expired_card", declineCode: "expired_card" },
};
const PAYS = new Set(["4242424242424242"]);
/** Pays, then the charge is disputed as fraudulent (disputes.ts opens the dispute). */
const DISPUTES: Record<string, "fraudulent"> = { "4000000000000259": "fraudulent" };

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function checkCard(input: { number: string; expiry: string; cvc: string }, now: Date): CardCheck {
  const number = input.number.replace(/[\s-]/g, "");
  if (!/^\d{13,19}$/.test(number) || !luhn(number)) return { ok: false, code: "incorrect_number", field: "number" };
  const expiry = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(input.expiry);
  if (!expiry) return { ok: false, code: "invalid_expiry", field: "expiry" };
  const expMonth = Number(expiry[1]);
  const expYear = expiry[2].length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (expMonth < 1 || expMonth > 12 || expYear * 12 + expMonth - 1 < thisMonth || expYear > now.getUTCFullYear() + 50) {
    return { ok: false, code: "invalid_expiry", field: "expiry" };
  }
  if (!/^\d{3,4}$/.test(input.cvc.trim())) return { ok: false, code: "invalid_cvc", field: "cvc" };
  const decline = DECLINES[number];
  if (decline)
    return { ok: false, ...decline, field: "number", declined: { last4: number.slice(-4), expMonth, expYear } };
  const dispute = DISPUTES[number];
  if (dispute) return { ok: true, last4: number.slice(-4), expMonth, expYear, dispute };
  if (!PAYS.has(number))
    return { ok: false, code: "live_card_in_test_mode", declineCode: "test_mode_live_card", field: "number" };
  return { ok: true, last4: number.slice(-4), expMonth, expYear };
}

/** Stripe's SEPA test IBANs: the debit is accepted, then settles (or fails) later. */
const TEST_IBANS: Record<string, "succeeded" | "failed"> = {
  AT611904300234573201: "succeeded",
  AT861904300235473202: "failed",
  DE89370400440532013000: "succeeded",
  DE62370400440532013001: "failed",
  FR1420041010050500013M02606: "succeeded",
  FR3020041010050500013M02609: "failed",
};

export function checkIban(
  raw: string,
): { ok: true; outcome: "succeeded" | "failed"; last4: string; country: string } | { ok: false } {
  const iban = raw.replace(/\s/g, "").toUpperCase();
  const outcome = TEST_IBANS[iban];
  if (!outcome) return { ok: false };
  return { ok: true, outcome, last4: iban.slice(-4), country: iban.slice(0, 2) };
}
