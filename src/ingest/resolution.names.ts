/**
 * How names are compared: folded to a canonical form, then keyed. Pure functions, so that resolution's rules can be
 * read and tested without a database.
 */

/** Case, compatibility forms, punctuation and spacing do not tell names apart (ids are made of this form). */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The same without accents, for comparing transliterations ("Ulaanbaatar", "Ulaanbâtar"). */
function foldName(name: string): string {
  return normalizeName(name.normalize('NFKD').replace(/\p{M}+/gu, ''));
}

/** Words that carry no identity in institution names as translations write them. */
const STOP_WORDS = new Set([
  'of',
  'the',
  'and',
  'for',
  'in',
  'on',
  'at',
  'to',
  'de',
  'du',
  'des',
  'la',
  'le',
]);

/** Arabic articles transliterated as separate words or prefixes: "Al-Jabar", "al Jabar", "El Jabar". */
const ARTICLE = /^(al|el|ul)$/;

/**
 * A company's legal forms, each with the kind of body it says: a group (or holding) is not one of its companies, so
 * two names stating different ones are not the same name without them ("Qatar NAAAS Group", "Qatar NAAAS Co.,
 * Ltd."); one that states none may have dropped it.
 */
const LEGAL_FORMS = new Map(
  [
    ['co ltd', 'company'],
    ['company limited', 'company'],
    ['co limited', 'company'],
    ['limited', 'company'],
    ['ltd', 'company'],
    ['inc', 'company'],
    ['corporation', 'company'],
    ['corp', 'company'],
    ['holdings', 'group'],
    ['holding', 'group'],
    ['group', 'group'],
  ].map(([qualifier, form]) => [` ${qualifier}`, form]),
);

/**
 * Qualifiers that documents add or drop without naming another body: the country or region a name states again,
 * a company's legal form. Removed only at the end of a name ("... of China", "... Co., Ltd."), where they qualify.
 */
const TRAILING_QUALIFIERS = [
  ...[
    'of the people s republic of china',
    'of people s republic of china',
    'people s republic of china',
    'of china',
    'china',
    'hui autonomous region',
    'autonomous region',
  ].map((q) => ` ${q}`),
  ...LEGAL_FORMS.keys(),
];

/** A name without its trailing qualifiers, and the qualifiers taken off. */
function trailingQualifiers(normalized: string): { rest: string; qualifiers: string[] } {
  let text = ` ${normalized}`;
  const qualifiers: string[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const qualifier of TRAILING_QUALIFIERS) {
      if (text.endsWith(qualifier) && text.length > qualifier.length) {
        text = text.slice(0, -qualifier.length);
        qualifiers.push(qualifier);
        changed = true;
      }
    }
  }
  return { rest: text.trim(), qualifiers };
}

const stripQualifiers = (normalized: string): string => trailingQualifiers(normalized).rest;

/** One spelling for transliteration variants of a word: doubled letters, a plural's s. */
function foldWord(word: string): string {
  const single = word.replace(/(\p{L})\1+/gu, '$1');
  return single.length > 3 && single.endsWith('s') && !single.endsWith('ss') ? single.slice(0, -1) : single;
}

const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

/**
 * Phrases that name the same thing in other words: a Chinese region's "People's Government" is its "Regional" or
 * "District Government" in translations; ordinals are written in words or figures. Only whole phrases are
 * rewritten ("People's Bank" stays as it is).
 */
const SAME_PHRASES: [RegExp, string][] = [
  [/\b(people s|regional|district|provincial|municipal|local) government\b/g, 'government'],
  // 国家 is rendered "states" or "countries": "China-Arab States" and "China Arab countries" name the same parties.
  [/\bcountries\b/g, 'states'],
  ...ORDINALS.map((word, i): [RegExp, string] => [new RegExp(`\\b${i + 1}(st|nd|rd|th)\\b`, 'g'), word]),
];

const phrasedName = (name: string): string =>
  SAME_PHRASES.reduce((text, [pattern, same]) => text.replace(pattern, same), foldName(name));

/** A name's words in one spelling each, without stop words and articles; its qualifiers too unless kept. */
function wordsOf(name: string, keepQualifiers: boolean): string[] {
  const phrased = phrasedName(name);
  return (keepQualifiers ? phrased : stripQualifiers(phrased))
    .split(' ')
    .filter((word) => word !== '' && !STOP_WORDS.has(word) && !ARTICLE.test(word))
    .map(foldWord);
}

/** The words that identify a name, each in one spelling: without stop words, articles and qualifiers. */
export function nameWords(name: string): string[] {
  return wordsOf(name, false);
}

const ORDINAL_WORDS = new Set(ORDINALS);

/**
 * Whether two sets of names state different numbers (in figures or as ordinals, "5th" being "fifth"): "Meeting 1"
 * and "Meeting 2", the "Fourth" and the "Fifth" Expo are occurrences apart, however alike the rest.
 */
export function numbersDiffer(a: string[], b: string[]): boolean {
  const numbers = (names: string[]): Set<string> =>
    new Set(names.flatMap(nameWords).filter((word) => /^\p{N}+$/u.test(word) || ORDINAL_WORDS.has(word)));
  const [x, y] = [numbers(a), numbers(b)];
  return x.size > 0 && y.size > 0 && (x.size !== y.size || [...x].some((n) => !y.has(n)));
}

/**
 * Two names with the same key differ only in word order, stop words, qualifiers, plurals or doubled letters:
 * "Department of Science and Technology of Ningxia" and "Ningxia Science and Technology Department".
 */
export function nameKey(name: string): string {
  return [...new Set(nameWords(name))].sort().join(' ');
}

/** Whether two names state different legal forms at their end (a group and a company); silence is no difference. */
export function legalFormsDiffer(a: string, b: string): boolean {
  const forms = (name: string): string =>
    [...new Set(trailingQualifiers(phrasedName(name)).qualifiers.flatMap((q) => LEGAL_FORMS.get(q) ?? []))]
      .sort()
      .join(' ');
  const [x, y] = [forms(a), forms(b)];
  return x !== '' && y !== '' && x !== y;
}

/**
 * The same as `nameKey` but with every qualifier kept: two names with the same whole key differ only in word order,
 * stop words, spelling or a translation variant, never in a place or legal form one of them leaves out ("Ministry
 * of Science and Technology" and "... of China" have one `nameKey` but two whole keys).
 */
export function wholeNameKey(name: string): string {
  return [...new Set(wordsOf(name, true))].sort().join(' ');
}

/**
 * What a name says besides the place it names, for an institution located in that place: "Ningxia district
 * government", "government of Hui Autonomous Region" and "People's Government of Ningxia Hui Autonomous Region",
 * all located in Ningxia Hui Autonomous Region, are each its "government". Undefined unless the name names some
 * of the place (a bare "Government" may be any government there) and says something besides it.
 */
export function localKey(name: string, placeNames: string[]): string | undefined {
  const placeWords = new Set(placeNames.flatMap((place) => wordsOf(place, true)));
  const words = wordsOf(name, true);
  const rest = words.filter((word) => !placeWords.has(word));
  if (rest.length === 0 || rest.length === words.length) return undefined;
  return [...new Set(rest)].sort().join(' ');
}

/**
 * The acronyms a record states outright: its acronym field, one in brackets in a name, a name that is one. Not the
 * initials of its names, which any body of that name would have.
 */
export function statedAcronyms(names: string[], acronym?: string): Set<string> {
  const stated = names.flatMap((name) => [asAcronym(name), /\(([A-Za-z&]{2,8})\)/.exec(name)?.[1]]);
  return new Set(
    [acronym, ...stated]
      .filter((a): a is string => a !== undefined)
      .map((a) => normalizeName(a).replace(/ /g, ''))
      .filter((a) => a.length >= 2),
  );
}

/** A name that is itself an acronym: one word of 2 to 8 capitals ("MOST", "CASTTC", "LAS"). */
export function asAcronym(name: string): string | undefined {
  const trimmed = name.trim();
  return /^[A-Z][A-Z&]{1,7}$/.test(trimmed) ? trimmed.toLowerCase() : undefined;
}

/**
 * The acronyms a name stands for: one in brackets ("Ministry of Science and Technology (MOST)"), the name itself
 * when it is one, and its initials with and without stop words ("most" and "mst").
 */
export function acronymsOf(name: string, stated?: string): string[] {
  const acronyms = new Set<string>();
  if (stated) acronyms.add(normalizeName(stated).replace(/ /g, ''));
  const bracketed = /\(([A-Za-z&]{2,8})\)/.exec(name)?.[1];
  if (bracketed) acronyms.add(bracketed.toLowerCase());
  const own = asAcronym(name);
  if (own) return [...acronyms, own];
  const words = normalizeName(name.replace(/\([^)]*\)/g, ' '))
    .split(' ')
    .filter(Boolean);
  if (words.length >= 2) {
    acronyms.add(words.map((w) => w[0]).join(''));
    const content = words.filter((w) => !STOP_WORDS.has(w));
    if (content.length >= 2) acronyms.add(content.map((w) => w[0]).join(''));
  }
  return [...acronyms];
}
