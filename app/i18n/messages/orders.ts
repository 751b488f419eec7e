// Orders as merchants and organisers handle them: live orders of a stall, revenue per stall, CSV export.
export const fr = {} as const;

export const en: Record<keyof typeof fr, string> = {};
