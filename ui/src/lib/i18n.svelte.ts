// Messages for the window, from the same locales/*.ftl files the Rust side embeds, through
// Fluent. Arabic plural forms come from the engine's CLDR rules (Intl.PluralRules), as the
// Rust side's PLURAL() does from ICU4X. Numbers follow the digits setting.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

export type Lang = 'en' | 'ar';
export type DigitStyle = 'western' | 'arabic-indic';

const sources = import.meta.glob('../../../locales/*/*.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function bundleFor(lang: Lang): FluentBundle {
  const plural = new Intl.PluralRules(lang);
  // Latin digits from Fluent's own number formatting; shape() applies the digits setting.
  const bundle = new FluentBundle(`${lang}-u-nu-latn`, {
    functions: {
      PLURAL: ([n]) => plural.select(Number(n?.valueOf() ?? 0)),
    },
  });
  for (const [path, text] of Object.entries(sources)) {
    if (path.includes(`/locales/${lang}/`)) {
      const errors = bundle.addResource(new FluentResource(text));
      if (errors.length) console.error(`locales ${path}:`, errors);
    }
  }
  return bundle;
}

const bundles: Record<Lang, FluentBundle> = { en: bundleFor('en'), ar: bundleFor('ar') };

/** The window's language and digits; reading them in a template makes it follow changes. */
export const locale = $state({ lang: 'en' as Lang, digits: 'western' as DigitStyle });

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

/** Western digits as the digits setting wants them. */
export function shape(text: string): string {
  if (locale.digits !== 'arabic-indic') return text;
  return text.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)]);
}

/** Arabic-Indic digits as typed, made Western for parsing. */
export function western(text: string): string {
  return text.replace(/[٠-٩]/g, (d) => String(ARABIC_INDIC.indexOf(d)));
}

/** A message by id, formatted with `args`, in the window's language (English behind it). */
export function t(id: string, args: Record<string, FluentVariable> = {}): string {
  for (const bundle of [bundles[locale.lang], bundles.en]) {
    const message = bundle.getMessage(id);
    if (message?.value) {
      const errors: Error[] = [];
      const text = bundle.formatPattern(message.value, args, errors);
      if (errors.length) console.warn(`message ${id}:`, errors);
      return shape(text);
    }
  }
  console.error(`no message ${id}`);
  return id;
}

/** A number with grouping, in the window's digits. */
export function num(n: number, fractionDigits = 0): string {
  const text = new Intl.NumberFormat(locale.lang === 'ar' ? 'ar-u-nu-latn' : 'en', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(n);
  return shape(text);
}

/** An amount kept in minor units, in major units with the currency. */
export function money(minor: number, currency: string, minorDigits: number): string {
  return `${num(minor / 10 ** minorDigits, minorDigits)} ${currency}`;
}

function dateOf(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 12));
}

/** A date (YYYY-MM-DD) in the Gregorian calendar. */
export function gregorian(iso: string, style: 'long' | 'short' = 'long'): string {
  const tag = locale.lang === 'ar' ? 'ar-u-nu-latn' : 'en-GB';
  const text = new Intl.DateTimeFormat(tag, {
    timeZone: 'UTC',
    day: 'numeric',
    month: style === 'long' ? 'long' : 'short',
    year: 'numeric',
    weekday: style === 'long' ? 'long' : undefined,
  }).format(dateOf(iso));
  return shape(text);
}

/** A month ("YYYY-MM") by its name and year, in the window's language and digits. */
export function monthOf(key: string): string {
  const tag = locale.lang === 'ar' ? 'ar-u-nu-latn' : 'en-GB';
  const text = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(dateOf(`${key}-15`));
  return shape(text);
}

/** A moment (a sync stamp, a backup's time) with its date and time of day. */
export function moment(at: Date, time: 'short' | 'medium'): string {
  const tag = locale.lang === 'ar' ? 'ar-u-nu-latn' : 'en-GB';
  return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: time }).format(at);
}

/** The same date in the Hijri (Umm al-Qura) calendar. */
export function hijri(iso: string): string {
  const tag =
    locale.lang === 'ar' ? 'ar-u-ca-islamic-umalqura-nu-latn' : 'en-u-ca-islamic-umalqura';
  const text = new Intl.DateTimeFormat(tag, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(dateOf(iso));
  return shape(text);
}

/** Of a record's two names, the one in the window's language. */
export function named(item: { name_ar: string; name_en: string }): string {
  return locale.lang === 'ar' ? item.name_ar || item.name_en : item.name_en || item.name_ar;
}
