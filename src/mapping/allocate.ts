/**
 * Splits `totalCents` over items in proportion to `weights`, so that the parts are whole cents and add up
 * to exactly `totalCents` (largest-remainder method). With all weights zero, splits evenly.
 */
export function allocateCents(totalCents: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares =
    sum === 0 ? weights.map(() => totalCents / weights.length) : weights.map((w) => (totalCents * w) / sum);
  const parts = shares.map((share) => Math.trunc(share));
  let left = totalCents - parts.reduce((a, b) => a + b, 0);
  const order = shares
    .map((share, i) => ({ i, rest: share - Math.trunc(share) }))
    .sort((a, b) => (left >= 0 ? b.rest - a.rest : a.rest - b.rest) || a.i - b.i);
  for (let k = 0; left !== 0; k = (k + 1) % order.length) {
    const step = Math.sign(left);
    parts[order[k]!.i]! += step;
    left -= step;
  }
  return parts;
}

export const toCents = (amount: number) => Math.round(amount * 100);
export const fromCents = (cents: number) => cents / 100;
