/** Nearest-rank percentile of a list of numbers (ms). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function summary(values: number[]): string {
  const f = (n: number) => n.toFixed(1);
  return `n=${values.length} p50=${f(percentile(values, 50))} ms p95=${f(percentile(values, 95))} ms max=${f(Math.max(...values))} ms`;
}
