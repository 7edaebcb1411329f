/**
 * An entity's names are four parallel list properties (nameLangs, nameValues, nameSince, nameUntil; '' where a
 * date is not stated). Ingest and merge both combine the names they bring with the ones stored, by these
 * expressions, so that no name and no date is lost and the lists stay aligned.
 */

/** The names stored on `node` (a node or a row with the same four lists) as maps {lang, value, since, until}. */
export const namesOf = (node: string): string =>
  `[i IN range(0, size(coalesce(${node}.nameLangs, [])) - 1) |
    {lang: ${node}.nameLangs[i], value: ${node}.nameValues[i],
     since: coalesce(${node}.nameSince[i], ''), until: coalesce(${node}.nameUntil[i], '')}]`;

const same = (a: string, b: string): string => `${a}.lang = ${b}.lang AND ${a}.value = ${b}.value`;
const undated = (a: string): string => `${a}.since = '' AND ${a}.until = ''`;

/**
 * `stored` with `incoming` added: the same name fills the dates it lacks; a name borne for a time is added; an
 * undated name is a translation, one per language, so an undated one in a language that has one already is not
 * added (`clashingNames` gives it to the aliases, where it is still found).
 */
export const combinedNames = (stored: string, incoming: string): string =>
  `reduce(acc = ${stored}, n IN ${incoming} | CASE
     WHEN any(s IN acc WHERE ${same('s', 'n')})
       THEN [s IN acc | CASE WHEN ${same('s', 'n')}
         THEN {lang: s.lang, value: s.value,
               since: CASE s.since WHEN '' THEN n.since ELSE s.since END,
               until: CASE s.until WHEN '' THEN n.until ELSE s.until END}
         ELSE s END]
     WHEN ${undated('n')} AND any(s IN acc WHERE s.lang = n.lang AND ${undated('s')}) THEN acc
     ELSE acc + [n] END)`;

/** The values of `incoming` that `combined` (their combination with the stored names) left out. */
export const clashingNames = (incoming: string, combined: string): string =>
  `[n IN ${incoming} WHERE NOT any(c IN ${combined} WHERE ${same('c', 'n')}) | n.value]`;

/** SET items writing `names` (combined maps) back as the four lists; no names leaves no lists. */
const LISTS = [
  ['lang', 'nameLangs'],
  ['value', 'nameValues'],
  ['since', 'nameSince'],
  ['until', 'nameUntil'],
] as const;

export const setNames = (node: string, names: string): string =>
  LISTS.map(
    ([key, list]) =>
      `${node}.${list} = CASE WHEN size(${names}) = 0 THEN null ELSE [x IN ${names} | x.${key}] END`,
  ).join(',\n ');
