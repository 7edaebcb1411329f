import { createHash } from 'node:crypto';

/** The broad category a mention belongs to; resolution never crosses categories. */
export type Category =
  'Institution' | 'Person' | 'Place' | 'Framework' | 'Event' | 'Agreement' | 'Commitment';

/** Case, accents' compatibility forms, punctuation and spacing do not tell names apart. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

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
 * Keys that any two names able to resolve to one another share (within a category and kind): the same name, or
 * for a person the same whole word at the same place in a name of the same length, which every pair that
 * `initialsCompatible` accepts has. Ingests lock these keys before resolving, so they decide in turn.
 */
export function resolutionKeys(category: Category, names: string[], kindLabel = ''): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    const normalized = normalizeName(name);
    keys.add(`${category}|${kindLabel}|${normalized}`);
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
  /** For a place: its kind label (Country, Region, City); places of another kind never match. */
  kindLabel?: string;
  sourceId: string;
}

export interface Candidate {
  id: string;
  labels: string[];
  names: string[];
  /** For a person: the institutions they hold positions at. */
  context: string[];
  sourceIds: string[];
}

export type Resolution =
  | { outcome: 'MATCHED'; id: string; reason: string }
  | { outcome: 'NEW' }
  | { outcome: 'UNCERTAIN'; candidates: { id: string; reason: string }[] };

function nameMatch(mention: Mention, candidate: Candidate): 'EXACT' | 'INITIALS' | undefined {
  const mentioned = new Set(mention.names.map(normalizeName));
  const known = candidate.names.map(normalizeName);
  if (known.some((name) => mentioned.has(name))) return 'EXACT';
  if (
    mention.category === 'Person' &&
    mention.names.some((m) => candidate.names.some((c) => initialsCompatible(m, c)))
  ) {
    return 'INITIALS';
  }
  return undefined;
}

/**
 * Decides whether a mention without a known id is an entity already in the graph. Certain: one candidate whose
 * name or alias is the mention's (for a person, with no conflicting organisation), or whose name differs only by
 * initials with an organisation in common; or a candidate this same document already stated. Anything
 * weaker is reported as a candidate and never merged silently.
 */
export function resolveMention(mention: Mention, candidates: Candidate[]): Resolution {
  const scored = candidates
    .filter((c) => c.labels.includes(mention.category))
    .filter((c) => mention.kindLabel === undefined || c.labels.includes(mention.kindLabel))
    .map((c) => ({ candidate: c, match: nameMatch(mention, c) }))
    .filter((s): s is { candidate: Candidate; match: 'EXACT' | 'INITIALS' } => s.match !== undefined);
  if (scored.length === 0) return { outcome: 'NEW' };

  const statedHere = scored.find(
    (s) => s.match === 'EXACT' && s.candidate.sourceIds.includes(mention.sourceId),
  );
  if (statedHere)
    return { outcome: 'MATCHED', id: statedHere.candidate.id, reason: 'stated by this document before' };

  const sharesContext = (c: Candidate): boolean => c.context.some((id) => mention.context.includes(id));
  const conflicts = (c: Candidate): boolean =>
    mention.context.length > 0 && c.context.length > 0 && !sharesContext(c);

  const withContext = scored.filter((s) => mention.category === 'Person' && sharesContext(s.candidate));
  if (withContext.length === 1) {
    const only = withContext[0] as { candidate: Candidate; match: string };
    const how = only.match === 'EXACT' ? 'same name' : 'name by initials';
    return { outcome: 'MATCHED', id: only.candidate.id, reason: `${how}, same organisation` };
  }

  const exact = scored.filter(
    (s) => s.match === 'EXACT' && !(mention.category === 'Person' && conflicts(s.candidate)),
  );
  if (exact.length === 1 && withContext.length === 0) {
    return {
      outcome: 'MATCHED',
      id: (exact[0] as { candidate: Candidate }).candidate.id,
      reason: 'same name',
    };
  }

  return {
    outcome: 'UNCERTAIN',
    candidates: scored.map((s) => ({
      id: s.candidate.id,
      reason:
        s.match === 'INITIALS'
          ? 'name differs by initials, no organisation in common'
          : conflicts(s.candidate)
            ? 'same name, different organisation'
            : 'same name as another candidate',
    })),
  };
}
