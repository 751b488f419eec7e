// Buying: the basket, checkout, and the buyer's orders (pages and messages).
export const fr = {} as const;

export const en: Record<keyof typeof fr, string> = {};
