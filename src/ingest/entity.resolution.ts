import { createHash } from 'node:crypto';
import jaroWinkler from 'talisman/metrics/jaro-winkler';
import {
  acronymsOf,
  asAcronym,
  legalFormsDiffer,
  localKey,
  nameKey,
  nameWords,
  normalizeName,
  numbersDiffer,
  statedAcronyms,
  wholeNameKey,
} from './resolution.names';

/** The broad category a mention belongs to; resolution never crosses categories. */
export type Category =
  'Institution' | 'Person' | 'Place' | 'Framework' | 'Event' | 'Agreement' | 'Commitment';

export function slug(text: string): string {
  return normalizeName(text).replace(/ /g, '-').slice(0, 80) || 'unnamed';
}

export const shortHash = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * Whether two person names can name the same person, with initials standing for given names:
 * "S. Munkhbat" and "Sonomdarjaa Munkhbat" can; "S. Munkhbat" and "B. Munkhbat" cannot. At least one whole
 * word must agree, so two bare initials never match.
 */
export function initialsCompatible(a: string, b: string): boolean {
  const left = normalizeName(a).split(' ');
  const right = normalizeName(b).split(' ');
  if (left.length !== right.length || left.length < 2) return false;
  let wholeWordAgrees = false;
  for (let i = 0; i < left.length; i += 1) {
    const x = left[i] as string;
    const y = right[i] as string;
    if (x === y) {
      if (x.length > 1) wholeWordAgrees = true;
    } else if (!((x.length === 1 && y.startsWith(x)) || (y.length === 1 && x.startsWith(y)))) {
      return false;
    }
  }
  return wholeWordAgrees;
}

/**
 * Keys that any two names able to resolve to one another with certainty share (within a category and kind): the
 * same name, the same name key, or for a person the same whole word at the same place in a name of the same
 * length, which every pair that `initialsCompatible` accepts has. Ingests lock these keys before resolving, so they decide in turn.
 */
export function resolutionKeys(category: Category, names: string[], kindLabel = ''): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    const normalized = normalizeName(name);
    keys.add(`${category}|${kindLabel}|${normalized}`);
    keys.add(`${category}|${kindLabel}|key|${nameKey(name)}`);
    if (category !== 'Person') continue;
    const words = normalized.split(' ');
    words.forEach((word, i) => {
      if (word.length > 1) keys.add(`${category}|${words.length}|${i}|${word}`);
    });
  }
  return [...keys];
}

export interface Mention {
  category: Category;
  /** Its name and aliases as the document gives them. */
  names: string[];
  /** For a person: the graph ids of the institutions the document places them at. */
  context: string[];
  /** For a place or an event: its kind label (Region, Conference); those of another kind never match. */
  kindLabel?: string;
  sourceId: string;
  /** For an institution: its acronym, its parent's graph id and its country's code, where the document says. */
  acronym?: string;
  parent?: string;
  country?: string;
  /** For an institution: its kind (SCIENCE_PARK, ENTERPRISE ...). */
  kind?: string;
  /** The graph id of the place it is located in, and that place's names as the document gives them. */
  place?: string;
  placeNames?: string[];
  /** For an event: its date, where the document gives one. */
  date?: string;
}

export interface Candidate {
  id: string;
  labels: string[];
  names: string[];
  /** For a person: the institutions they hold positions at. */
  context: string[];
  sourceIds: string[];
  acronym?: string;
  parent?: string;
  country?: string;
  kind?: string;
  place?: string;
  placeNames?: string[];
  date?: string;
}

export type Resolution =
  | { outcome: 'MATCHED'; id: string; reason: string }
  | { outcome: 'NEW' }
  | { outcome: 'UNCERTAIN'; candidates: { id: string; score: number; reason: string }[] };

/** How alike two names are, and why: 1 the same name, down to 0.7 the least worth a reviewer's look. */
interface NameEvidence {
  score: number;
  how: 'EXACT' | 'INITIALS' | 'KEY' | 'PLACE' | 'ACRONYM' | 'SIMILAR';
  /** For KEY: no qualifier was left out to make the names agree, and both sides state the same acronym. */
  acronymToo?: boolean;
}

/** Scores at or above this are worth reporting; below, the mention is simply new. */
const REPORT_THRESHOLD = 0.7;

function wordsAlike(a: string, b: string): boolean {
  return a === b || (a.length >= 4 && b.length >= 4 && jaroWinkler(a, b) >= 0.92);
}

/** Share of words two names have in common, transliteration variants counting as the same word. */
function wordOverlap(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const shared = a.filter((word) => b.some((other) => wordsAlike(word, other))).length;
  return shared / (a.length + b.length - shared);
}

function nameEvidence(mention: Mention, candidate: Candidate): NameEvidence | undefined {
  const mentioned = new Set(mention.names.map(normalizeName));
  if (candidate.names.some((name) => mentioned.has(normalizeName(name)))) return { score: 1, how: 'EXACT' };
  if (
    mention.category === 'Person' &&
    mention.names.some((m) => candidate.names.some((c) => initialsCompatible(m, c)))
  ) {
    return { score: 0.9, how: 'INITIALS' };
  }
  // A key of one word ("bank" of "Bank of China") says too little to stand for a name.
  const sameKey = (m: string, c: string): boolean =>
    nameKey(m).includes(' ') && nameKey(m) === nameKey(c) && !legalFormsDiffer(m, c);
  if (mention.names.some((m) => candidate.names.some((c) => sameKey(m, c))))
    return { score: 0.95, how: 'KEY', acronymToo: wholeNameAndAcronym(mention, candidate) };
  if (sameLocalName(mention, candidate)) return { score: 0.95, how: 'PLACE' };
  if (mention.category === 'Institution' && acronymsAgree(mention, candidate))
    return { score: 0.8, how: 'ACRONYM' };
  let best = 0;
  for (const m of mention.names) {
    for (const c of candidate.names) best = Math.max(best, wordOverlap(nameWords(m), nameWords(c)));
  }
  const score = 0.4 + 0.5 * best;
  return score >= REPORT_THRESHOLD ? { score, how: 'SIMILAR' } : undefined;
}

/**
 * Two institutions located in the same place whose names say the same besides (some of) that place's name:
 * "government of Hui Autonomous Region" and "Ningxia district government", both in Ningxia Hui Autonomous Region.
 */
function sameLocalName(mention: Mention, candidate: Candidate): boolean {
  if (mention.category !== 'Institution' || mention.place === undefined || mention.place !== candidate.place)
    return false;
  const places = [...(mention.placeNames ?? []), ...(candidate.placeNames ?? [])];
  const ours = new Set(mention.names.map((name) => localKey(name, places)));
  return candidate.names.some((name) => {
    const key = localKey(name, places);
    return key !== undefined && ours.has(key);
  });
}

/**
 * Two identifiers agree at once: the names are the same but for word order, stop words, spelling or a translation
 * variant, with no qualifier (a place, a legal form) dropped from either; and both sides state the same acronym
 * outright ("China Arab countries technology transfer center", CASTTC, and "China-Arab States Technology Transfer
 * Center", CASTTC). A name dropped to its key would not do: "Ministry of Science and Technology" (MOST) of one
 * country and "... of China" (MOST) have one key and one acronym.
 */
function wholeNameAndAcronym(mention: Mention, candidate: Candidate): boolean {
  const ours = statedAcronyms(mention.names, mention.acronym);
  const theirs = statedAcronyms(candidate.names, candidate.acronym);
  if (![...ours].some((a) => theirs.has(a))) return false;
  const whole = new Set(mention.names.map(wholeNameKey).filter((key) => key.includes(' ')));
  return candidate.names.some((name) => whole.has(wholeNameKey(name)));
}

/** One side is (or states) an acronym that the other's name or stated acronym spells. */
function acronymsAgree(mention: Mention, candidate: Candidate): boolean {
  const stated = (names: string[], acronym?: string): string[] =>
    [acronym?.toLowerCase(), ...names.map(asAcronym)].filter((a): a is string => a !== undefined);
  const spelled = (names: string[], acronym?: string): Set<string> =>
    new Set(names.flatMap((name) => acronymsOf(name, acronym)).filter((a) => a.length >= 3));
  const theirs = spelled(candidate.names, candidate.acronym);
  const ours = spelled(mention.names, mention.acronym);
  return (
    stated(mention.names, mention.acronym).some((a) => theirs.has(a)) ||
    stated(candidate.names, candidate.acronym).some((a) => ours.has(a))
  );
}

/** What the document and the graph say around the two: agreeing, contradicting, or silent. */
type Context = 'AGREES' | 'CONFLICTS' | 'SILENT';

function contextOf(mention: Mention, candidate: Candidate): Context {
  if (mention.category === 'Person') {
    if (mention.context.length === 0 || candidate.context.length === 0) return 'SILENT';
    return candidate.context.some((id) => mention.context.includes(id)) ? 'AGREES' : 'CONFLICTS';
  }
  const differ = (a?: string, b?: string): boolean => a !== undefined && b !== undefined && a !== b;
  const same = (a?: string, b?: string): boolean => a !== undefined && a === b;
  if (mention.category === 'Event') {
    if (differ(mention.date, candidate.date) || differ(mention.parent, candidate.parent)) return 'CONFLICTS';
    return same(mention.date, candidate.date) ? 'AGREES' : 'SILENT';
  }
  // Another kind is another body, whatever the name: a science park and the company that operates it.
  if (
    differ(mention.parent, candidate.parent) ||
    differ(mention.country, candidate.country) ||
    differ(mention.kind, candidate.kind)
  )
    return 'CONFLICTS';
  return same(mention.parent, candidate.parent) ||
    same(mention.country, candidate.country) ||
    same(mention.place, candidate.place)
    ? 'AGREES'
    : 'SILENT';
}

/**
 * Whether a name's evidence decides with the context around it. An event is one occurrence: only its date tells
 * two of the same name apart, so an event without the same date on both sides is never certain ("Opening
 * ceremony").
 */
function certainEvidence(category: Category, evidence: NameEvidence, context: Context): boolean {
  if (context === 'CONFLICTS') return false;
  if (category === 'Event')
    return (evidence.how === 'EXACT' || evidence.how === 'KEY') && context === 'AGREES';
  if (evidence.how === 'EXACT') return true;
  if (evidence.how === 'ACRONYM' || evidence.how === 'SIMILAR') return false;
  // A whole name and a stated acronym agreeing are as telling as the same name: silence does not stop them either.
  if (evidence.acronymToo === true) return true;
  return context === 'AGREES' || (category !== 'Person' && category !== 'Institution');
}

function reasonFor(category: Category, evidence: NameEvidence, context: string): string {
  const name = {
    EXACT: 'same name',
    INITIALS: 'name by initials',
    KEY: evidence.acronymToo
      ? 'same name but for word order or spelling, same acronym'
      : 'same name but for word order, qualifiers or spelling',
    PLACE: 'same name once its place is read as where it is located',
    ACRONYM: 'acronym agrees',
    SIMILAR: `similar name (${evidence.score.toFixed(2)})`,
  }[evidence.how];
  if (category === 'Person') {
    if (context === 'AGREES') return `${name}, same organisation`;
    if (context === 'CONFLICTS') return `${name}, different organisation`;
    return evidence.how === 'INITIALS' ? 'name differs by initials, no organisation in common' : name;
  }
  if (category === 'Event') {
    if (context === 'CONFLICTS') return `${name}, part of another event`;
    return context === 'AGREES' ? `${name}, same date` : `${name}, no date to tell`;
  }
  if (context === 'CONFLICTS') return `${name}, different parent, country or kind`;
  return context === 'AGREES' ? `${name}, same parent, country or place` : name;
}

interface Scored {
  candidate: Candidate;
  evidence: NameEvidence;
  context: Context;
}

/**
 * Whether a match that nothing around it confirms (silent context) is undone by a namesake: another candidate of
 * as alike a name whose parent, country or kind differs shows that the name is borne by more than one body, so the
 * name alone cannot say which. A "Ministry of Science and Technology" located in Vietnam is not the graph's
 * country-less one when the graph also holds that name in China. (A person's namesakes are told apart by their
 * organisations, above.)
 */
function namesakeElsewhere(category: Category, match: Scored, scored: Scored[]): boolean {
  if (category !== 'Institution' || match.context !== 'SILENT') return false;
  return scored.some((s) => s !== match && s.context === 'CONFLICTS' && s.evidence.score >= 0.95);
}

/**
 * Kinds named to be told apart only within their parent: many ministries have a "Department of International
 * Cooperation", many parks a "Management Committee".
 */
const UNITS_OF_A_PARENT = new Set(['GOVERNMENT_DEPARTMENT', 'COMMITTEE']);

/**
 * What tells namesakes apart, said by one side only: a unit's parent, a person's organisations. The other side's
 * silence then leaves the name alone to decide, and a name, however exact, does not say whose unit the other is,
 * or which of the people bearing it the other is. The reason it is reported, or undefined when this does not apply.
 */
function namedOnOneSide(mention: Mention, candidate: Candidate): string | undefined {
  if (mention.category === 'Person')
    return (mention.context.length === 0) !== (candidate.context.length === 0)
      ? 'a person whose organisation only one side names'
      : undefined;
  const kind = mention.kind ?? candidate.kind;
  if (mention.category !== 'Institution' || kind === undefined || !UNITS_OF_A_PARENT.has(kind))
    return undefined;
  return (mention.parent === undefined) !== (candidate.parent === undefined)
    ? 'a unit whose parent only one side names'
    : undefined;
}

/**
 * Decides whether a mention without a known id is an entity already in the graph. Certain, and so matched: the
 * candidate this same document stated before; else the one candidate whose name is the mention's, or differs only
 * in word order, qualifiers and spelling (or, for a person, by initials) with context that agrees (for a person, an
 * organisation in common), with no contradicting context (another parent, country or organisation), and for a
 * unit of a parent (a department, a committee) its parent, for a person their organisations, named on both sides
 * or on neither. Anything weaker, and any tie, is reported with its score and reasons and never merged silently:
 * a false merge joins two entities' histories, a missed one only waits for review.
 */
export function resolveMention(mention: Mention, candidates: Candidate[]): Resolution {
  const scored = candidates
    .filter((c) => c.labels.includes(mention.category))
    .filter((c) => mention.kindLabel === undefined || c.labels.includes(mention.kindLabel))
    // Events of one name on two dates are two occurrences, not a pair to review.
    .filter((c) => !(mention.date !== undefined && c.date !== undefined && mention.date !== c.date))
    .flatMap((candidate) => {
      const evidence = nameEvidence(mention, candidate);
      return evidence ? [{ candidate, evidence, context: contextOf(mention, candidate) }] : [];
    })
    .sort((a, b) => b.evidence.score - a.evidence.score || a.candidate.id.localeCompare(b.candidate.id));
  if (scored.length === 0) return { outcome: 'NEW' };

  const statedHere = scored.find(
    (s) => s.evidence.how === 'EXACT' && s.candidate.sourceIds.includes(mention.sourceId),
  );
  if (statedHere)
    return { outcome: 'MATCHED', id: statedHere.candidate.id, reason: 'stated by this document before' };

  const certain = scored.filter(
    (s) => certainEvidence(mention.category, s.evidence, s.context) && !namedOnOneSide(mention, s.candidate),
  );
  // A person placed at an organisation: among namesakes, the one holding a position there.
  const atSameOrganisation = certain.filter((s) => mention.category === 'Person' && s.context === 'AGREES');
  const decided = atSameOrganisation.length > 0 ? atSameOrganisation : certain;
  const rivals = scored.filter((s) => s.evidence.score >= 0.95 && s.context !== 'CONFLICTS');
  const namesake = decided.length === 1 && namesakeElsewhere(mention.category, decided[0] as Scored, scored);
  if (decided.length === 1 && (atSameOrganisation.length === 1 || rivals.length === 1) && !namesake) {
    const [only] = decided as [(typeof decided)[number]];
    return {
      outcome: 'MATCHED',
      id: only.candidate.id,
      reason: reasonFor(mention.category, only.evidence, only.context),
    };
  }

  /** Why a candidate that the name alone would have decided was not merged. */
  const notMergedBecause = (s: Scored): string => {
    if (decided.includes(s) && (decided.length > 1 || rivals.length > 1)) return ', as another candidate';
    if (namesake && decided.includes(s)) return ', a name another bears in another parent, country or kind';
    // A person's reason already says when no organisation is in common: this is news only where the name decided.
    const told = mention.category !== 'Person' || certainEvidence(mention.category, s.evidence, s.context);
    const oneSided = told ? namedOnOneSide(mention, s.candidate) : undefined;
    return oneSided ? `, ${oneSided}` : '';
  };
  return {
    outcome: 'UNCERTAIN',
    candidates: scored.map((s) => ({
      id: s.candidate.id,
      score: Number((s.context === 'CONFLICTS' ? s.evidence.score * 0.8 : s.evidence.score).toFixed(2)),
      reason: `${reasonFor(mention.category, s.evidence, s.context)}${notMergedBecause(s)}`,
    })),
  };
}

/** Another document's event of the same kind and date, with the participants the two have in common. */
export interface ToldBefore {
  id: string;
  /** Its name and aliases. */
  names: string[];
  shared: number;
  /** How many participants each side has. */
  theirs: number;
  ours: number;
}

/** The fewest participants two tellings must share to be one event for certain. */
const CERTAIN_SHARED_PARTICIPANTS = 2;

/**
 * Whether an event named `names` is one that another document told (same kind and date, participants in common,
 * as `others`). Certain, and so one event: exactly one such event shares at least two participants, and at least
 * half of the larger side's, its name states no other number ("Meeting 1", "Meeting 2"), and no other event of
 * the same document is as sure of it (`contested`). Anything less is reported with its overlap: two delegations
 * may meet twice in a day.
 */
export function eventToldTwice(
  names: string[],
  others: ToldBefore[],
  contested: ReadonlySet<string> = new Set(),
): Exclude<Resolution, { outcome: 'NEW' }> {
  const overlap = (o: ToldBefore): number => o.shared / Math.max(o.theirs, o.ours);
  const reason = (o: ToldBefore): string =>
    `same kind and date, ${o.shared} participant${o.shared === 1 ? '' : 's'} in common`;
  const certain = others.filter(
    (o) =>
      o.shared >= CERTAIN_SHARED_PARTICIPANTS &&
      overlap(o) >= 0.5 &&
      !numbersDiffer(names, o.names) &&
      !contested.has(o.id),
  );
  if (certain.length === 1) {
    const [only] = certain as [ToldBefore];
    return { outcome: 'MATCHED', id: only.id, reason: reason(only) };
  }
  return {
    outcome: 'UNCERTAIN',
    candidates: others.map((o) => ({
      id: o.id,
      score: Number((0.7 + 0.3 * overlap(o)).toFixed(2)),
      reason: certain.length > 1 && certain.includes(o) ? `${reason(o)}, as another event` : reason(o),
    })),
  };
}
