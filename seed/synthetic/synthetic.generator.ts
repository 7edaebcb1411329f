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

/**
 * A realistic institution graph at scale, as ingest documents that each reference only entities of earlier
 * documents: places, then institutions (with a part-of hierarchy), then people with positions over time, then
 * events with participants, then agreements. Who takes part follows a power law (a few hubs, a long tail).
 */
export function* syntheticDocuments(options: SyntheticOptions): Generator<IngestDocument> {
  const total = TIERS[options.tier];
  const batchSize = options.batchSize ?? 1_000;
  const next = random(options.seed ?? 20191223);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  /** Index in [0, n): small indexes far more often, as preferential attachment gives. */
  const zipf = (n: number): number => Math.min(n - 1, Math.floor(n * next() ** 2.5));
  const word = (): string => {
    const w = Array.from({ length: 2 + Math.floor(next() * 2) }, () => pick(SYLLABLES)).join('');
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  const date = (fromYear: number, years: number): string => {
    const day = new Date(Date.UTC(fromYear, 0, 1) + Math.floor(next() * years * 365) * 86_400_000);
    return day.toISOString().slice(0, 10);
  };

  const regions = Math.max(5, Math.round(total / 1_000));
  const cities = regions * 3;
  const institutions = Math.round(total * 0.25);
  const people = Math.round(total * 0.35);
  const events = Math.round(total * 0.32);
  const agreements = Math.max(
    1,
    total - institutions - people - events - regions - cities - COUNTRIES.length,
  );

  let documentIndex = 0;
  const source = (what: string) => ({
    id: `synthetic:source-${documentIndex}`,
    publisher: 'institution-graph synthetic generator',
    title: `Synthetic ${what}, document ${documentIndex}`,
    date: date(2015, 10),
  });
  function* batches<T>(count: number, make: (i: number) => T): Generator<T[]> {
    for (let start = 0; start < count; start += batchSize) {
      yield Array.from({ length: Math.min(batchSize, count - start) }, (_, k) => make(start + k));
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

  // Countries first, then regions, then cities: each place's `in` is an earlier one, in its document or before.
  // The first document's source is drawn before the places, so that tiers of one places document stay as they were.
  const firstSource = source('places');
  const places = [
    ...COUNTRIES.map((code, i) => ({ id: id.country(i), kind: 'COUNTRY' as const, code })),
    ...Array.from({ length: regions }, (_, i) => ({
      id: id.region(i),
      kind: 'REGION' as const,
      name: `${word()} Region ${i}`,
      in: id.country(zipf(COUNTRIES.length)),
    })),
    ...Array.from({ length: cities }, (_, i) => ({
      id: id.city(i),
      kind: 'CITY' as const,
      name: `${word()} City ${i}`,
      in: id.region(i % regions),
    })),
  ];
  for (const batch of batches(places.length, (i) => places[i] as (typeof places)[number])) {
    yield { source: documentIndex === 0 ? firstSource : source('places'), places: batch };
    documentIndex += 1;
  }

  for (const batch of batches(institutions, (i) => i)) {
    yield {
      source: source('institutions'),
      institutions: batch.map((i) => ({
        id: id.institution(i),
        kind: pick(INSTITUTION_KINDS),
        name: `${word()} ${word()} Institute ${i}`,
        locatedIn: id.city(zipf(cities)),
        // Every tenth institution is a unit of an earlier one: a part-of hierarchy, hubs at the top.
        ...(i % 10 === 9 ? { partOf: id.institution(zipf(i)) } : {}),
      })),
    };
    documentIndex += 1;
  }

  for (const batch of batches(people, (i) => i)) {
    yield {
      source: source('people'),
      people: batch.map((i) => {
        const since = date(2005, 15);
        const later = Number(since.slice(0, 4)) + 1 + Math.floor(next() * 5);
        return {
          id: id.person(i),
          name: `${word()} ${word()} ${i}`,
          positions: [
            {
              institution: id.institution(zipf(institutions)),
              title: pick(TITLES),
              since,
              until: `${later}-06-30`,
            },
            { institution: id.institution(zipf(institutions)), title: pick(TITLES), since: `${later}-07-01` },
            // Half of the people also hold an office elsewhere, such as a board seat.
            ...(next() < 0.5
              ? [{ institution: id.institution(zipf(institutions)), title: 'Board Member', since }]
              : []),
          ],
        };
      }),
    };
    documentIndex += 1;
  }

  for (const batch of batches(events, (i) => i)) {
    yield {
      source: source('events'),
      events: batch.map((i) => {
        const participants = new Map<string, string>();
        const count = 4 + Math.floor(next() * 9);
        while (participants.size < count) {
          const entity = next() < 0.5 ? id.institution(zipf(institutions)) : id.person(zipf(people));
          participants.set(entity, pick(ROLES));
        }
        return {
          id: id.event(i),
          kind: pick(EVENT_KINDS),
          name: `${word()} cooperation event ${i}`,
          date: date(2010, 15),
          place: id.city(zipf(cities)),
          participants: [...participants].map(([entity, role]) => ({ entity, role: role as 'HOST' })),
        };
      }),
    };
    documentIndex += 1;
  }

  for (const batch of batches(agreements, (i) => i)) {
    yield {
      source: source('agreements'),
      agreements: batch.map((i) => {
        const parties = new Set([
          id.institution(zipf(institutions)),
          id.institution(zipf(institutions)),
          id.institution(zipf(institutions)),
        ]);
        return {
          id: `synthetic:agreement-${i}`,
          name: `${word()} cooperation agreement ${i}`,
          reachedAt: id.event(zipf(events)),
          parties: [...parties],
          commitments: [{ text: `Cooperate on ${word().toLowerCase()} technology transfer.` }],
        };
      }),
    };
    documentIndex += 1;
  }
}
