// The arithmetic of the charts' value axes, apart from drawing so it is tested on its own.
import type { T } from '../../lib/api';

/** A round ceiling for an axis: 1, 2 or 5 times a power of ten at or above `max`. */
export function axisTop(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** A value as its unit reads: percentages with one decimal when they have one. */
export function formatValue(value: number, unit: T.Unit, num: (n: number, digits: number) => string): string {
  const digits = Number.isInteger(value) ? 0 : 1;
  return unit === 'percent' ? `${num(value, digits)}%` : num(value, unit === 'money' ? 0 : digits);
}
