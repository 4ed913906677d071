// What the registry's forms share: the checks a person can be told about before saving
// (the backend checks everything again), and where a backend failure belongs.
import type { T } from './api';
import { t, western } from './i18n.svelte';

export type Problems = Record<string, string>;

/** A student's fields as typed; the messages for those a person can fix before saving. */
export function studentProblems(form: { name_ar: string; name_en: string; birth_date: string; nationality: string; admission_number?: string }): Problems {
  const found: Problems = {};
  if (form.admission_number !== undefined && !form.admission_number.trim()) found.admission_number = t('ui-field-required');
  if (!form.name_ar.trim()) found.name_ar = t('ui-field-required');
  if (!form.name_en.trim()) found.name_en = t('ui-field-required');
  if (!/^\s*(\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})\s*$/.test(western(form.birth_date))) found.birth_date = t('ui-field-date');
  if (!/^[A-Za-z]{2}$/.test(form.nationality.trim())) found.nationality = t('ui-field-country');
  return found;
}

/** A guardian's fields as typed, under `prefix` (`guardian.` in a new student's form). */
export function guardianProblems(form: { name_ar: string; name_en: string; phone: string }, prefix = ''): Problems {
  const found: Problems = {};
  if (!form.name_ar.trim() && !form.name_en.trim()) found[`${prefix}name_en`] = t('ui-field-required');
  if (!form.phone.trim()) found[`${prefix}phone`] = t('ui-field-required');
  return found;
}

/** The field a backend failure is about, if any, with its message. */
export function problemOf(failure: T.AppError): Problems {
  if (failure.field) return { [failure.field]: failure.message };
  if (failure.code === 'invalid-date') return { birth_date: failure.message };
  return {};
}

export function empty(problems: Problems): boolean {
  return Object.keys(problems).length === 0;
}
