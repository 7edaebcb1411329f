/**
 * An institution's names over time, as documents state them: a name with since or until is one it bore for that
 * time (a rename keeps one institution). Pure, so that the rules read without a database.
 */
import type { DatedName } from '../../ingest/document.types';

export type { DatedName };

/** The stored parallel lists (nameLangs, nameValues, nameSince, nameUntil; '' where a date is not stated). */
export function namesOf(node: Record<string, unknown>): DatedName[] {
  const list = (key: string): string[] => (Array.isArray(node[key]) ? (node[key] as string[]) : []);
  const [since, until] = [list('nameSince'), list('nameUntil')];
  return list('nameLangs').map((lang, i) => ({
    lang,
    value: list('nameValues')[i] ?? '',
    // A merge may add names without dates after the dated ones: missing entries are undated.
    ...(since[i] ? { since: since[i] } : {}),
    ...(until[i] ? { until: until[i] } : {}),
  }));
}

const isEnglish = (lang: string): boolean => lang === 'en' || lang.startsWith('en-');

/**
 * The name borne on `asOf` (YYYY-MM-DD): the dated name whose since..until (until exclusive) holds it, English
 * first, then the latest since; without one, `name` (the display name). Undated names are translations, not
 * periods, and never count.
 */
export function nameAsOf(name: string, names: DatedName[], asOf: string): string {
  const holding = names
    .filter((n) => (n.since !== undefined || n.until !== undefined) && n.value !== '')
    .filter((n) => (n.since === undefined || n.since <= asOf) && (n.until === undefined || asOf < n.until))
    .sort(
      (a, b) =>
        Number(isEnglish(b.lang)) - Number(isEnglish(a.lang)) || (b.since ?? '').localeCompare(a.since ?? ''),
    );
  return holding[0]?.value ?? name;
}
