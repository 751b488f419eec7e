// Payments: the emails and notices of Stripe's events (paid, late payment refunded, line refused and refunded).
export const fr = {} as const;

export const en: Record<keyof typeof fr, string> = {};
