import type { EventKind, InstitutionKind, PlaceKind, RelationshipType } from '../db/identifier.whitelist';

/** A document as ingested: its source, and the entities and facts it states. Ids are stable slugs. */
export interface IngestDocument {
  source: {
    id: string;
    url?: string;
    publisher: string;
    publisherId?: string;
    section?: string;
    date?: string;
    author?: string;
    title: string;
  };
  places?: PlaceRecord[];
  institutions?: InstitutionRecord[];
  people?: PersonRecord[];
  frameworks?: FrameworkRecord[];
  events?: EventRecord[];
  agreements?: AgreementRecord[];
  relationships?: { from: string; type: RelationshipType; to: string; since?: string }[];
}

export interface Named {
  /** A stable global id: this entity exactly. */
  id?: string;
  /** A handle for references within the document, for a mention without an id. */
  ref?: string;
  name?: string;
  aliases?: string[];
  /** Names in other languages; for an institution, also names it bore for a time (see DatedName). */
  names?: DatedName[];
}

/**
 * A name in a language. An institution's name with since or until is one it bore for that time: a rename keeps
 * one institution, and the name it bore before stays one it is found and resolved by.
 */
export interface DatedName {
  lang: string;
  value: string;
  since?: string;
  until?: string;
}

export interface PlaceRecord extends Named {
  kind: PlaceKind;
  /** ISO 3166-1 alpha-2, for countries: the names come from i18n-iso-countries. */
  code?: string;
  in?: string;
}

export interface InstitutionRecord extends Named {
  kind: InstitutionKind;
  name: string;
  acronym?: string;
  description?: string;
  partOf?: string;
  locatedIn?: string;
}

export interface PersonRecord extends Named {
  name: string;
  positions?: { institution: string; title: string; since?: string; until?: string }[];
}

export interface FrameworkRecord extends Named {
  name: string;
  description?: string;
  parties?: string[];
}

export interface EventRecord extends Named {
  kind: EventKind;
  name: string;
  date?: string;
  endDate?: string;
  description?: string;
  place?: string;
  partOf?: string;
  order?: number;
  participants?: { entity: string; role: string; capacity?: string }[];
  sites?: string[];
}

export interface AgreementRecord extends Named {
  name: string;
  date?: string;
  description?: string;
  reachedAt?: string;
  parties?: string[];
  framework?: string;
  areas?: string[];
  commitments: { text: string; concerns?: string[]; framework?: string }[];
}
