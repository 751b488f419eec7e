import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(length: number): string {
  let out = "";
  while (out.length < length) {
    // Bytes from 248 up are skipped (248 = 4 × 62), so every character is equally likely.
    for (const byte of randomBytes(length)) if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
  }
  return out;
}

/** Ids shaped like Stripe's test-mode ids (same prefixes, similar lengths). */
export const newId = {
  checkoutSession: () => `cs_test_a1${base62(56)}`,
  paymentIntent: () => `pi_3${base62(23)}`,
  charge: () => `ch_3${base62(23)}`,
  refund: () => `re_3${base62(23)}`,
  event: () => `evt_1${base62(23)}`,
  request: () => `req_${base62(14)}`,
  paymentMethod: () => `pm_1${base62(23)}`,
  balanceTransaction: () => `txn_3${base62(23)}`,
  lineItem: () => `li_1${base62(23)}`,
  price: () => `price_1${base62(23)}`,
  product: () => `prod_${base62(14)}`,
  account: () => `acct_1${base62(16)}`,
  secret: () => base62(24),
  fingerprint: () => base62(16),
};
