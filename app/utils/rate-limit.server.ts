import { data } from "@remix-run/node";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { getTranslator } from "~/utils/i18n.server";

// In memory for one instance; the Redis limiter of rate-limiter-flexible takes its place
// when several instances run (design.md section 12).
const limiters = {
  login: new RateLimiterMemory({ keyPrefix: "login", points: 10, duration: 60 * 5 }),
  signup: new RateLimiterMemory({ keyPrefix: "signup", points: 5, duration: 60 * 10 }),
  passwordReset: new RateLimiterMemory({ keyPrefix: "reset", points: 5, duration: 60 * 10 }),
} as const;

export type LimitName = keyof typeof limiters;

/** Consumes one point; returns the seconds to wait when the limit is reached, else null. */
export async function hitRateLimit(name: LimitName, key: string): Promise<number | null> {
  try {
    await limiters[name].consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.ceil(rejection.msBeforeNext / 1000);
    throw rejection;
  }
}

/** Forgets the points spent on a key, e.g. after a successful log-in so past typos do not add up. */
export async function clearRateLimit(name: LimitName, key: string): Promise<void> {
  await limiters[name].delete(key);
}

/**
 * The 429 an account form answers when its limit is reached: the wait, in the visitor's
 * language, in the form alert, and Retry-After for scripts (kept on documents by keepRetryAfter).
 */
export async function rateLimitedForm(request: Request, seconds: number) {
  const { t } = await getTranslator(request);
  return data(
    { errors: {}, formError: t("accounts.rateLimited", { seconds }) },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}
