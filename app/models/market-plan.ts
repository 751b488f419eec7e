// Pure rules of the plan of the square, shared by the server (placing a stall at approval,
// checking the organiser's edits) and the browser (the plan editor's drag). Positions are plan
// units, 0..100 on both axes; a chalet is drawn about 14 units wide and high around its point.

export const PLAN_MIN = 0;
export const PLAN_MAX = 100;
export const CHALET_NUMBER_MIN = 1;
export const CHALET_NUMBER_MAX = 999;

/** Two chalets closer than this on both axes are drawn on top of each other. */
const CHALET_SIZE = 14;

export type PlanPoint = { planX: number; planY: number };

/** The big tree in the middle of the square (drawn by StallPlan around 50, 54): no chalet there. */
const TREE = { left: 35, right: 65, top: 30, bottom: 69 };

function onTree({ planX, planY }: PlanPoint): boolean {
  const half = CHALET_SIZE / 2;
  return planX + half > TREE.left && planX - half < TREE.right && planY + half > TREE.top && planY - half < TREE.bottom;
}

export function overlaps(a: PlanPoint, b: PlanPoint): boolean {
  return Math.abs(a.planX - b.planX) < CHALET_SIZE && Math.abs(a.planY - b.planY) < CHALET_SIZE;
}

const COLUMNS = [10, 26, 42, 58, 74, 90];
/**
 * The spots offered to newly approved stalls, in the order they are taken: the two long rows
 * above and below the tree first (the demo's rows), then beside the tree, then the edges.
 */
export const PLAN_CELLS: readonly PlanPoint[] = [22, 78, 40, 60, 8, 92]
  .flatMap((planY) => COLUMNS.map((planX) => ({ planX, planY })))
  .filter((cell) => !onTree(cell));

/** Is this point a place of its own: off the tree and clear of every other chalet? */
export function isFreeSpot(point: PlanPoint, others: readonly PlanPoint[]): boolean {
  return !onTree(point) && others.every((other) => !overlaps(point, other));
}

/**
 * The first cell of the grid clear of the other chalets. On a full square (more chalets than
 * cells), the cell under the fewest of them, so a new chalet still shows as apart as it can.
 */
export function freeSpot(others: readonly PlanPoint[]): PlanPoint {
  let best = PLAN_CELLS[0]!;
  let bestCount = Infinity;
  for (const cell of PLAN_CELLS) {
    const count = others.filter((other) => overlaps(cell, other)).length;
    if (count === 0) return cell;
    if (count < bestCount) [best, bestCount] = [cell, count];
  }
  return best;
}

/**
 * The number a newly approved stall gets: one more than the highest of its market, so numbers
 * already given never move; past the last number, the lowest one free. Null when all are taken.
 */
export function nextChaletNumber(taken: readonly number[]): number | null {
  const highest = taken.reduce((max, n) => Math.max(max, n), 0);
  if (highest < CHALET_NUMBER_MAX) return highest + 1;
  const used = new Set(taken);
  for (let n = CHALET_NUMBER_MIN; n <= CHALET_NUMBER_MAX; n++) if (!used.has(n)) return n;
  return null;
}

/** A dragged position, from the plan's drawn box: clamped to the square and rounded to a unit. */
export function clampToPlan(value: number): number {
  return Math.min(PLAN_MAX, Math.max(PLAN_MIN, Math.round(value)));
}
