// Dates as a school types and reads them, in its own order (day/month/year in the Gulf,
// month/day/year in the US, or ISO), always sent to the backend as YYYY-MM-DD.
import type { T } from './api';
import { western } from './i18n.svelte';

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO date as the school writes it. */
export function showDate(iso: string, order: T.DateOrder): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const [y, m, d] = iso.split('-');
  if (order === 'mdy') return `${m}/${d}/${y}`;
  if (order === 'ymd') return iso;
  return `${d}/${m}/${y}`;
}

/** A date as typed in the school's order (or as ISO), in either digits; null if it is none. */
export function readDate(text: string, order: T.DateOrder): string | null {
  const typed = western(text.trim());
  let y: number, m: number, d: number;
  const iso = typed.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  const parts = typed.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (parts) {
    const [a, b] = [Number(parts[1]), Number(parts[2])];
    [m, d] = order === 'mdy' ? [a, b] : [b, a];
    y = Number(parts[3]);
  } else {
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** How a date field's placeholder reads. */
export function datePattern(order: T.DateOrder): string {
  return order === 'mdy' ? 'mm/dd/yyyy' : order === 'ymd' ? 'yyyy-mm-dd' : 'dd/mm/yyyy';
}
