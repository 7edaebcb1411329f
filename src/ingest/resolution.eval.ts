/**
 * Scoring of entity resolution against hand-made labels: which mentions of the evaluation's documents name the
 * same real entity, and what ingest made of them. Pure: the runner ingests and hands the reports in.
 */

/** A labelled mention: the label alone, or with a note where the text leaves room for doubt. */
export type LabelEntry = string | { label: string; note?: string };

export interface LabelFile {
  /** Every label, with what real entity it stands for. */
  entities: Record<string, string>;
  /** Per document (its path from the project root), per field such as `institutions[2]`: the label. */
  mentions: Record<string, Record<string, LabelEntry>>;
}

/** What the evaluation needs of one ingest report. */
export interface ReportedDocument {
  /** The document's path from the project root, as the labels name it. */
  document: string;
  /** The fields whose record carries its own id (or, for a country, its ISO code): not resolution's work. */
  givenIds: string[];
  entities: { field: string; id: string }[];
  uncertain: { field: string; id: string; candidates: { id: string; score?: number; reason?: string }[] }[];
}

/** A pair of ids kept for review (a `:ResolutionCandidate` node), with its score and reasons where known. */
export interface CandidatePair {
  a: string;
  b: string;
  score?: number;
  reasons?: string[];
}

export const EVAL_CATEGORIES = ['Institution', 'Person', 'Place', 'Framework', 'Event', 'Agreement'] as const;
export type EvalCategory = (typeof EVAL_CATEGORIES)[number];

const CATEGORY_OF_LIST: Record<string, EvalCategory> = {
  institutions: 'Institution',
  people: 'Person',
  places: 'Place',
  frameworks: 'Framework',
  events: 'Event',
  agreements: 'Agreement',
};

/** The category of a top-level mention field (`people[0]`); undefined for nested records such as commitments. */
export function categoryOfField(field: string): EvalCategory | undefined {
  const match = /^([a-z]+)\[\d+\]$/.exec(field);
  return match ? CATEGORY_OF_LIST[match[1] as string] : undefined;
}

interface DocumentRecords {
  [list: string]: unknown;
}

/** The mention fields of a document whose record gives its graph id: an `id`, or a country's ISO code. */
export function fieldsWithGivenId(document: DocumentRecords): string[] {
  return Object.keys(CATEGORY_OF_LIST).flatMap((list) => {
    const records = document[list];
    if (!Array.isArray(records)) return [];
    return records.flatMap((record: { id?: unknown; kind?: unknown }, i) =>
      record.id !== undefined || (list === 'places' && record.kind === 'COUNTRY') ? [`${list}[${i}]`] : [],
    );
  });
}

export interface CategoryFigures {
  category: EvalCategory | 'All';
  mentions: number;
  /** Same-entity pairs in different documents that resolution had to decide (not both given the same id). */
  pairs: number;
  /** Same-entity pairs both documents identified by the entity's id: not scored. */
  pairsById: number;
  autoMerged: number;
  reported: number;
  missed: number;
  /** (auto-merged + reported) / pairs; null when there is no pair. */
  recall: number | null;
  autoMergeRecall: number | null;
  /** Pairs of mentions of different entities that ended under one id. */
  falseMerges: number;
}

export interface MentionRef {
  document: string;
  field: string;
  label: string;
  id: string;
}

/** A same-entity pair left apart but reported for review, with why resolution could not decide it. */
export interface ReportedPair {
  category: EvalCategory;
  a: MentionRef;
  b: MentionRef;
  score: number | null;
  reasons: string[];
}

export interface EvalResult {
  categories: CategoryFigures[];
  total: CategoryFigures;
  reported: ReportedPair[];
  missed: { category: EvalCategory; a: MentionRef; b: MentionRef }[];
  falseMerges: { category: EvalCategory; a: MentionRef; b: MentionRef }[];
}

const labelOf = (entry: LabelEntry): string => (typeof entry === 'string' ? entry : entry.label);
const pairKey = (x: string, y: string): string => (x < y ? `${x}|${y}` : `${y}|${x}`);

interface Mention extends MentionRef {
  category: EvalCategory;
  givenId: boolean;
}

/** Joins labels and reports, refusing any mention that one has and the other lacks: nothing is scored silently. */
function labelledMentions(labels: LabelFile, reports: ReportedDocument[]): Mention[] {
  const problems: string[] = [];
  const mentions: Mention[] = [];
  const unused = new Set(Object.keys(labels.entities));
  const reported = new Set(reports.map((r) => r.document));
  for (const document of Object.keys(labels.mentions)) {
    if (!reported.has(document)) problems.push(`${document}: labelled but not evaluated`);
  }
  for (const report of reports) {
    const byField = labels.mentions[report.document] ?? {};
    const seen = new Set<string>();
    for (const { field, id } of report.entities) {
      const category = categoryOfField(field);
      if (category === undefined) continue;
      seen.add(field);
      const entry = byField[field];
      if (entry === undefined) {
        problems.push(`${report.document} ${field}: no label`);
        continue;
      }
      const label = labelOf(entry);
      if (!(label in labels.entities))
        problems.push(`${report.document} ${field}: label ${label} is not described`);
      unused.delete(label);
      const givenId = report.givenIds.includes(field);
      mentions.push({ document: report.document, field, label, id, category, givenId });
    }
    for (const field of Object.keys(byField)) {
      if (!seen.has(field))
        problems.push(`${report.document} ${field}: labelled, but the document has no such mention`);
    }
  }
  for (const label of unused) problems.push(`label ${label}: described but names no mention`);
  if (problems.length > 0) throw new Error(`labels and documents disagree:\n  ${problems.join('\n  ')}`);
  return mentions;
}

interface Why {
  score: number | null;
  reasons: string[];
}

/**
 * The id pairs left for review, each with its best score and every reason given: a mention kept apart with the
 * other as its candidate, or a candidate node.
 */
function reportedPairs(reports: ReportedDocument[], candidatePairs: CandidatePair[]): Map<string, Why> {
  const pairs = new Map<string, Why>();
  const add = (a: string, b: string, score: number | undefined, reasons: string[]): void => {
    const why = pairs.get(pairKey(a, b)) ?? { score: null, reasons: [] };
    if (score !== undefined) why.score = Math.max(why.score ?? 0, score);
    for (const reason of reasons) if (!why.reasons.includes(reason)) why.reasons.push(reason);
    pairs.set(pairKey(a, b), why);
  };
  for (const pair of candidatePairs) add(pair.a, pair.b, pair.score, pair.reasons ?? []);
  for (const report of reports) {
    for (const mention of report.uncertain) {
      for (const candidate of mention.candidates)
        add(mention.id, candidate.id, candidate.score, candidate.reason ? [candidate.reason] : []);
    }
  }
  return pairs;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function emptyFigures(category: EvalCategory | 'All'): CategoryFigures {
  return {
    category,
    mentions: 0,
    pairs: 0,
    pairsById: 0,
    autoMerged: 0,
    reported: 0,
    missed: 0,
    recall: null,
    autoMergeRecall: null,
    falseMerges: 0,
  };
}

function withRatios(figures: CategoryFigures): CategoryFigures {
  return {
    ...figures,
    recall: ratio(figures.autoMerged + figures.reported, figures.pairs),
    autoMergeRecall: ratio(figures.autoMerged, figures.pairs),
  };
}

const mentionRef = ({ document, field, label, id }: Mention): MentionRef => ({ document, field, label, id });

/**
 * Over every pair of mentions in different documents with the same label: auto-merged (one id), reported (their
 * ids are a reported candidate pair) or missed; over every pair with different labels: a false merge when they
 * share an id. Pairs both documents identified by id are counted apart: they test the author, not resolution.
 */
export function scoreResolution(
  labels: LabelFile,
  reports: ReportedDocument[],
  candidatePairs: CandidatePair[] = [],
): EvalResult {
  const mentions = labelledMentions(labels, reports);
  const reported = reportedPairs(reports, candidatePairs);
  const figures = new Map(EVAL_CATEGORIES.map((c) => [c, emptyFigures(c)]));
  const result: EvalResult = {
    categories: [],
    total: emptyFigures('All'),
    reported: [],
    missed: [],
    falseMerges: [],
  };
  for (const mention of mentions) (figures.get(mention.category) as CategoryFigures).mentions += 1;
  mentions.forEach((a, i) => {
    for (const b of mentions.slice(i + 1)) {
      if (a.category !== b.category) continue;
      const row = figures.get(a.category) as CategoryFigures;
      if (a.label !== b.label) {
        if (a.id === b.id) {
          row.falseMerges += 1;
          result.falseMerges.push({ category: a.category, a: mentionRef(a), b: mentionRef(b) });
        }
        continue;
      }
      if (a.document === b.document) continue;
      if (a.givenId && b.givenId && a.id === b.id) {
        row.pairsById += 1;
        continue;
      }
      row.pairs += 1;
      const why = reported.get(pairKey(a.id, b.id));
      if (a.id === b.id) row.autoMerged += 1;
      else if (why) {
        row.reported += 1;
        result.reported.push({ category: a.category, a: mentionRef(a), b: mentionRef(b), ...why });
      } else {
        row.missed += 1;
        result.missed.push({ category: a.category, a: mentionRef(a), b: mentionRef(b) });
      }
    }
  });
  result.categories = EVAL_CATEGORIES.map((c) => withRatios(figures.get(c) as CategoryFigures));
  const total = emptyFigures('All');
  for (const row of result.categories) {
    for (const key of [
      'mentions',
      'pairs',
      'pairsById',
      'autoMerged',
      'reported',
      'missed',
      'falseMerges',
    ] as const) {
      total[key] += row[key];
    }
  }
  result.total = withRatios(total);
  return result;
}

/**
 * The figures a run is held to: recall and auto-merge recall per category and overall, and no false merge. A
 * pair that was merged and is now only reported for review keeps recall but is a regression all the same.
 */
export interface Baseline {
  categories: CategoryFigures[];
  total: CategoryFigures;
}

const HELD: { measure: 'recall' | 'autoMergeRecall'; name: string }[] = [
  { measure: 'recall', name: 'recall' },
  { measure: 'autoMergeRecall', name: 'auto-merge recall' },
];

/** What is worse than the baseline, one line each; empty when the run holds. */
export function regressions(result: EvalResult, baseline: Baseline): string[] {
  const problems: string[] = [];
  if (result.total.falseMerges > 0) problems.push(`${result.total.falseMerges} false merges (must be 0)`);
  const before = new Map([...baseline.categories, baseline.total].map((row) => [row.category, row]));
  for (const row of [...result.categories, result.total]) {
    for (const { measure, name } of HELD) {
      const was = before.get(row.category)?.[measure] ?? null;
      const now = row[measure];
      // Rounded as printed: a ratio recomputed from the same counts must not fail on its last bit.
      if (was !== null && (now === null || percent(now) < percent(was)))
        problems.push(
          `${row.category}: ${name} ${formatRatio(now)} is below the baseline's ${formatRatio(was)}`,
        );
    }
  }
  return problems;
}

const percent = (value: number): number => Math.round(value * 1000) / 10;
const formatRatio = (value: number | null): string =>
  value === null ? '-' : `${percent(value).toFixed(1)}%`;

const COLUMNS: [string, (row: CategoryFigures) => string][] = [
  ['category', (r) => r.category],
  ['mentions', (r) => String(r.mentions)],
  ['pairs', (r) => String(r.pairs)],
  ['auto-merged', (r) => String(r.autoMerged)],
  ['reported', (r) => String(r.reported)],
  ['missed', (r) => String(r.missed)],
  ['recall', (r) => formatRatio(r.recall)],
  ['auto-merge recall', (r) => formatRatio(r.autoMergeRecall)],
  ['false merges', (r) => String(r.falseMerges)],
  ['pairs by id', (r) => String(r.pairsById)],
];

/** The figures as a Markdown table, one row per category and a total. */
export function formatTable(result: Pick<EvalResult, 'categories' | 'total'>): string {
  const rows = [...result.categories, result.total].map((row) => COLUMNS.map(([, cell]) => cell(row)));
  const header = COLUMNS.map(([name]) => name);
  const widths = header.map((name, i) =>
    Math.max(name.length, ...rows.map((row) => (row[i] as string).length)),
  );
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The pairs to look at: falsely merged, missed, and reported (with why), one line each. */
export function formatPairs(result: EvalResult): string[] {
  const name = (m: MentionRef): string => `${m.document.split('/').pop() ?? m.document} ${m.field} (${m.id})`;
  const score = (p: ReportedPair): string => (p.score === null ? '' : ` ${p.score.toFixed(2)}`);
  return [
    ...result.falseMerges.map(
      (p) => `false merge: ${p.a.label} and ${p.b.label} as ${p.a.id}: ${name(p.a)}, ${name(p.b)}`,
    ),
    ...result.missed.map((p) => `missed ${p.category} ${p.a.label}: ${name(p.a)} / ${name(p.b)}`),
    ...result.reported.map(
      (p) =>
        `reported ${p.category} ${p.a.label}: ${name(p.a)} / ${name(p.b)}:${score(p)} ${p.reasons.join('; ')}`,
    ),
  ];
}
