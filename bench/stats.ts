/** Minimum and median of repeated measurements; the minimum is the least disturbed run, the median the typical one. */
export interface Spread {
  min: number;
  median: number;
  runs: number[];
}

export function spread(runs: number[]): Spread {
  if (runs.length === 0) {
    throw new Error("spread() needs at least one run");
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: sorted[0]!, median, runs };
}

/** Repeats an async measurement and summarises it. */
export async function repeat(times: number, measure: () => Promise<number>): Promise<Spread> {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    runs.push(await measure());
  }
  return spread(runs);
}

export function ratio(ours: number, theirs: number): number {
  return theirs === 0 ? Number.NaN : ours / theirs;
}
