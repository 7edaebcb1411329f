import type { IngestDocument } from '../../src/ingest/document.types';
import type { EventKind, InstitutionKind } from '../../src/db/identifier.whitelist';

/** Sizes of the synthetic graph, in nodes; relationships come to about five per node. */
export const TIERS = { '1k': 1_000, '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
export type Tier = keyof typeof TIERS;

/** mulberry32: a small, fast PRNG whose output depends only on its seed, so every run builds the same graph. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = [
  'CN',
  'MN',
  'QA',
  'SA',
  'JO',
  'OM',
  'AE',
  'EG',
  'SD',
  'MA',
  'NG',
  'KZ',
  'RU',
  'DE',
  'FR',
  'US',
  'BR',
  'IN',
  'ID',
  'TR',
];
const INSTITUTION_KINDS: InstitutionKind[] = [
  'MINISTRY',
  'GOVERNMENT_DEPARTMENT',
  'SCIENCE_PARK',
  'TRANSFER_CENTER',
  'PLATFORM',
  'INNOVATION_CENTER',
  'INCUBATOR',
  'UNIVERSITY',
  'RESEARCH_INSTITUTE',
  'ENTERPRISE',
  'ENTERPRISE',
  'ENTERPRISE',
];
const EVENT_KINDS: EventKind[] = ['MEETING', 'MEETING', 'VISIT', 'SIGNING', 'CONFERENCE'];
const TITLES = [
  'Director',
  'Deputy Director',
  'President',
  'Chairman',
  'Secretary-General',
  'Head of Division',
];
const ROLES = ['HOST', 'ATTENDEE', 'ATTENDEE', 'DELEGATION_LEAD', 'SIGNATORY', 'SPEAKER'];
const SYLLABLES = [
  'an',
  'bel',
  'cor',
  'dan',
  'el',
  'fen',
  'gar',
  'hal',
  'in',
  'jor',
  'kel',
  'lun',
  'mor',
  'nor',
  'or',
  'pel',
  'qua',
  'ras',
  'sel',
  'tor',
];

export interface SyntheticOptions {
  tier: Tier;
  seed?: number;
  /** Entities per document: each document is one transaction of UNWIND batches. */
  batchSize?: number;
}

/** The random draws of one generation, in the order they are made: the same seed, the same graph. */
class Draws {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = random(seed);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index in [0, n): small indexes far more often, as preferential attachment gives. */
  zipf(n: number): number {
    return Math.min(n - 1, Math.floor(n * this.next() ** 2.5));
  }

  word(): string {
    const w = Array.from({ length: 2 + Math.floor(this.next() * 2) }, () => this.pick(SYLLABLES)).join('');
    return w.charAt(0).toUpperCase() + w.slice(1);
  }

  date(fromYear: number, years: number): string {
    const day = new Date(Date.UTC(fromYear, 0, 1) + Math.floor(this.next() * years * 365) * 86_400_000);
    return day.toISOString().slice(0, 10);
  }
}

const id = {
  country: (i: number) => `place:country-${(COUNTRIES[i] as string).toLowerCase()}`,
  region: (i: number) => `synthetic:region-${i}`,
  city: (i: number) => `synthetic:city-${i}`,
  institution: (i: number) => `synthetic:institution-${i}`,
  person: (i: number) => `synthetic:person-${i}`,
  event: (i: number) => `synthetic:event-${i}`,
};

/** How many of each kind a tier has. */
function shapeOf(total: number) {
  const regions = Math.max(5, Math.round(total / 1_000));
  const cities = regions * 3;
  const institutions = Math.round(total * 0.25);
  const people = Math.round(total * 0.35);
  const events = Math.round(total * 0.32);
  const agreements = Math.max(
    1,
    total - institutions - people - events - regions - cities - COUNTRIES.length,
  );
  return { regions, cities, institutions, people, events, agreements };
}

/** One generation's state: its draws, its shape, and the documents made so far. */
class Generation {
  private documentIndex = 0;

  constructor(
    readonly draw: Draws,
    readonly shape: ReturnType<typeof shapeOf>,
    readonly batchSize: number,
  ) {}

  /** A document about `what`: its source is drawn first, then its body. */
  document(
    what: string,
    body: () => Omit<IngestDocument, 'source'>,
    source: IngestDocument['source'] = this.source(what),
  ): IngestDocument {
    const document = { source, ...body() };
    this.documentIndex += 1;
    return document;
  }

  source(what: string): IngestDocument['source'] {
    return {
      id: `synthetic:source-${this.documentIndex}`,
      publisher: 'institution-graph synthetic generator',
      title: `Synthetic ${what}, document ${this.documentIndex}`,
      date: this.draw.date(2015, 10),
    };
  }

  /** The indexes 0..count-1 in batches of the batch size. */
  *batches(count: number): Generator<number[]> {
    for (let start = 0; start < count; start += this.batchSize)
      yield Array.from({ length: Math.min(this.batchSize, count - start) }, (_, k) => start + k);
  }
}

function* places(g: Generation): Generator<IngestDocument> {
  const { draw, shape } = g;
  // Countries first, then regions, then cities: each place's `in` is an earlier one, in its document or before.
  // The first document's source is drawn before the places, so that tiers of one places document stay as they were.
  const firstSource = g.source('places');
  const all = [
    ...COUNTRIES.map((code, i) => ({ id: id.country(i), kind: 'COUNTRY' as const, code })),
    ...Array.from({ length: shape.regions }, (_, i) => ({
      id: id.region(i),
      kind: 'REGION' as const,
      name: `${draw.word()} Region ${i}`,
      in: id.country(draw.zipf(COUNTRIES.length)),
    })),
    ...Array.from({ length: shape.cities }, (_, i) => ({
      id: id.city(i),
      kind: 'CITY' as const,
      name: `${draw.word()} City ${i}`,
      in: id.region(i % shape.regions),
    })),
  ];
  for (const [n, batch] of [...g.batches(all.length)].entries()) {
    const body = () => ({ places: batch.map((i) => all[i] as (typeof all)[number]) });
    yield g.document('places', body, n === 0 ? firstSource : undefined);
  }
}

function* institutions(g: Generation): Generator<IngestDocument> {
  const { draw, shape } = g;
  for (const batch of g.batches(shape.institutions))
    yield g.document('institutions', () => ({
      institutions: batch.map((i) => ({
        id: id.institution(i),
        kind: draw.pick(INSTITUTION_KINDS),
        name: `${draw.word()} ${draw.word()} Institute ${i}`,
        locatedIn: id.city(draw.zipf(shape.cities)),
        // Every tenth institution is a unit of an earlier one: a part-of hierarchy, hubs at the top.
        ...(i % 10 === 9 ? { partOf: id.institution(draw.zipf(i)) } : {}),
      })),
    }));
}

function* people(g: Generation): Generator<IngestDocument> {
  const { draw, shape } = g;
  const institution = () => id.institution(draw.zipf(shape.institutions));
  for (const batch of g.batches(shape.people))
    yield g.document('people', () => ({
      people: batch.map((i) => {
        const since = draw.date(2005, 15);
        const later = Number(since.slice(0, 4)) + 1 + Math.floor(draw.next() * 5);
        return {
          id: id.person(i),
          name: `${draw.word()} ${draw.word()} ${i}`,
          positions: [
            { institution: institution(), title: draw.pick(TITLES), since, until: `${later}-06-30` },
            { institution: institution(), title: draw.pick(TITLES), since: `${later}-07-01` },
            // Half of the people also hold an office elsewhere, such as a board seat.
            ...(draw.next() < 0.5 ? [{ institution: institution(), title: 'Board Member', since }] : []),
          ],
        };
      }),
    }));
}

function* events(g: Generation): Generator<IngestDocument> {
  const { draw, shape } = g;
  for (const batch of g.batches(shape.events))
    yield g.document('events', () => ({
      events: batch.map((i) => {
        const participants = new Map<string, string>();
        const count = 4 + Math.floor(draw.next() * 9);
        while (participants.size < count) {
          const entity =
            draw.next() < 0.5
              ? id.institution(draw.zipf(shape.institutions))
              : id.person(draw.zipf(shape.people));
          participants.set(entity, draw.pick(ROLES));
        }
        return {
          id: id.event(i),
          kind: draw.pick(EVENT_KINDS),
          name: `${draw.word()} cooperation event ${i}`,
          date: draw.date(2010, 15),
          place: id.city(draw.zipf(shape.cities)),
          participants: [...participants].map(([entity, role]) => ({ entity, role: role as 'HOST' })),
        };
      }),
    }));
}

function* agreements(g: Generation): Generator<IngestDocument> {
  const { draw, shape } = g;
  const institution = () => id.institution(draw.zipf(shape.institutions));
  for (const batch of g.batches(shape.agreements))
    yield g.document('agreements', () => ({
      agreements: batch.map((i) => {
        const parties = [...new Set([institution(), institution(), institution()])];
        return {
          id: `synthetic:agreement-${i}`,
          name: `${draw.word()} cooperation agreement ${i}`,
          reachedAt: id.event(draw.zipf(shape.events)),
          parties,
          commitments: [{ text: `Cooperate on ${draw.word().toLowerCase()} technology transfer.` }],
        };
      }),
    }));
}

/**
 * A realistic institution graph at scale, as ingest documents that each reference only entities of earlier
 * documents: places, then institutions (with a part-of hierarchy), then people with positions over time, then
 * events with participants, then agreements. Who takes part follows a power law (a few hubs, a long tail).
 */
export function* syntheticDocuments(options: SyntheticOptions): Generator<IngestDocument> {
  const g = new Generation(
    new Draws(options.seed ?? 20191223),
    shapeOf(TIERS[options.tier]),
    options.batchSize ?? 1_000,
  );
  for (const section of [places, institutions, people, events, agreements]) yield* section(g);
}
