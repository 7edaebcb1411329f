import countries from 'i18n-iso-countries';
import ar from 'i18n-iso-countries/langs/ar.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import mn from 'i18n-iso-countries/langs/mn.json';
import ru from 'i18n-iso-countries/langs/ru.json';
import zh from 'i18n-iso-countries/langs/zh.json';
import { AppError } from '../common/app.errors';
import {
  EVENT_KINDS,
  INSTITUTION_KINDS,
  PLACE_KINDS,
  type Label,
  type RelationshipType,
} from '../db/identifier.whitelist';
import { isIsoDate } from '../graphql/date.scalar';
import { shortHash, slug, type Category } from './entity.resolution';
import type { AgreementRecord, DatedName, IngestDocument, Named } from './document.types';

export interface NodeWrite {
  /** How the document refers to it: its ref, or its id. */
  key: string;
  /** Where the document gives it, for errors and reports: such as people[2]. */
  field: string;
  category: Category;
  /** The id the document gives; without one, the entity is resolved by name or gets `generatedId`. */
  explicitId?: string;
  /** The id it gets when it is new and the document gave none: the same for the same mention, always. */
  generatedId: string;
  /** Name, aliases and acronym: what resolution compares. */
  mentionNames: string[];
  /** For a person: the keys of the institutions the document places them at. */
  contextKeys: string[];
  /** For a place or an event: its kind label; those of another kind never match. */
  kindLabel?: string;
  /** For a commitment: the key of its agreement, from whose resolved id its own derives. */
  parentKey?: string;
  /** Set by resolution: the graph id it is written under. */
  id?: string;
  /** An edit that renames: the document's name replaces the entity's, which becomes an alias. */
  rename?: boolean;
  order?: number;
  props: Record<string, string | number | string[]>;
  date?: string;
  endDate?: string;
  aliases: string[];
  nameLangs?: string[];
  nameValues?: string[];
  /** Parallel to nameValues: from and until when an institution bore the name, '' where the document is silent. */
  nameSince?: string[];
  nameUntil?: string[];
}

export interface RelationshipWrite {
  /** Keys, or ids of entities already in the graph, until resolution makes them all graph ids. */
  from: string;
  to: string;
  /** What tells two relationships of one type between the same nodes apart: a title, a role. */
  key: string;
  props: Record<string, string | number>;
  since?: string;
  until?: string;
}

/** What one document writes, before resolution: the same document always gives the same plan. */
export interface WritePlan {
  sourceId: string;
  source: Record<string, string>;
  sourceDate?: string;
  publisherKey?: string;
  nodes: { labels: Label[]; rows: NodeWrite[] }[];
  relationships: { type: RelationshipType; rows: RelationshipWrite[] }[];
  /** References to entities the document does not declare: they must be in the graph already. */
  externalRefs: { field: string; id: string }[];
  /** Every reference the document makes, in its order, with the field that makes it. */
  references: { field: string; key: string }[];
  /** For an edit of existing entities: ids that must name a live entity when the write runs, else NOT_FOUND. */
  mustExist?: { field: string; id: string }[];
}

const LANGUAGES = ['zh', 'ar', 'fr', 'ru', 'es', 'mn'] as const;
for (const locale of [en, zh, ar, fr, ru, es, mn]) countries.registerLocale(locale);

const bad = (field: string, message: string): AppError =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field });

const PREFIX: Record<Category, string> = {
  Institution: 'institution',
  Person: 'person',
  Place: 'place',
  Framework: 'framework',
  Event: 'event',
  Agreement: 'agreement',
  Commitment: 'commitment',
};

const CATEGORY_OF_PREFIX = new Map(
  Object.entries(PREFIX).map(([category, prefix]) => [prefix, category as Category]),
);

const dateChecked = (field: string, value: string | undefined): string | undefined => {
  if (value !== undefined && !isIsoDate(value))
    throw bad(field, `must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
};

/** Refuses an end before its start: `later` is the field that ends, `start` the value it must not precede. */
const inOrder = (
  later: string,
  start: string | undefined,
  end: string | undefined,
  startName: string,
): void => {
  if (start !== undefined && end !== undefined && end < start)
    throw bad(later, `is before ${startName} (${start})`);
};

type Declared = Named & { ref?: string; name?: string; acronym?: string };

/** The writes of one document as they are collected: declared nodes by key, relationships, references. */
class PlanBuilder {
  readonly declared = new Map<string, NodeWrite>();
  private readonly nodes = new Map<string, NodeWrite[]>();
  private readonly rels = new Map<RelationshipType, RelationshipWrite[]>();
  readonly refs: { field: string; key: string }[] = [];

  ref(field: string, key: string): string {
    this.refs.push({ field, key });
    return key;
  }

  node(
    field: string,
    category: Category,
    labels: Label[],
    entity: Declared,
    props: NodeWrite['props'],
    extra: Partial<NodeWrite> = {},
  ): NodeWrite {
    const key = entity.ref ?? entity.id;
    if (!key) throw bad(field, 'needs an id or a ref');
    if (this.declared.has(key)) throw bad(field, `${JSON.stringify(key)} is declared twice in this document`);
    const claimed = CATEGORY_OF_PREFIX.get(entity.id?.split(':')[0] ?? '');
    // Ids with a kind's prefix are that kind's: an institution under an event's id would take that event's place.
    if (claimed !== undefined && claimed !== category)
      throw bad(`${field}.id`, `${JSON.stringify(entity.id)} starts as ids of the kind ${claimed} do`);
    const name = (props.name as string | undefined) ?? entity.name ?? key;
    const { names, aliases } = namesOf(field, entity, name);
    const row: NodeWrite = {
      key,
      field,
      category,
      explicitId: entity.id,
      generatedId: `${PREFIX[category]}:${slug(name)}`,
      // Acronyms are left out: "MFA" names ministries of many countries.
      mentionNames: [name, ...aliases],
      contextKeys: [],
      props: Object.fromEntries(Object.entries({ ...props, name }).filter(([, v]) => v !== undefined)),
      aliases,
      ...(names
        ? {
            nameLangs: names.map((n) => n.lang),
            nameValues: names.map((n) => n.value),
            nameSince: names.map((n) => n.since ?? ''),
            nameUntil: names.map((n) => n.until ?? ''),
          }
        : {}),
      ...extra,
    };
    this.declared.set(key, row);
    const group = labels.join(':');
    // Appended in place: copying the list on every append made a large document's plan quadratic.
    if (this.nodes.has(group)) this.nodes.get(group)?.push(row);
    else this.nodes.set(group, [row]);
    return row;
  }

  rel(type: RelationshipType, row: RelationshipWrite): void {
    if (this.rels.has(type)) this.rels.get(type)?.push(row);
    else this.rels.set(type, [row]);
  }

  link(
    type: RelationshipType,
    from: string,
    to: string,
    props: RelationshipWrite['props'] = {},
    key = '',
  ): void {
    this.rel(type, { from, to, key, props });
  }

  /** The plan: generated ids made unique within the document, the source, and what it refers to outside. */
  finish(doc: IngestDocument): WritePlan {
    // Two mentions of one document with the same name are two entities (the document gave them two refs).
    const generated = new Map<string, number>();
    for (const row of this.declared.values()) {
      const seen = generated.get(row.generatedId) ?? 0;
      generated.set(row.generatedId, seen + 1);
      if (seen > 0) row.generatedId = `${row.generatedId}-${seen + 1}`;
    }
    const { id: sourceId, date: sourceDate, publisherId, ...sourceProps } = doc.source;
    if (publisherId) this.ref('source.publisherId', publisherId);
    return {
      sourceId,
      source: Object.fromEntries(Object.entries(sourceProps).filter(([, v]) => v !== undefined)),
      sourceDate: dateChecked('source.date', sourceDate),
      publisherKey: publisherId,
      nodes: [...this.nodes.entries()].map(([group, rows]) => ({
        labels: group.split(':') as Label[],
        rows,
      })),
      relationships: [...this.rels.entries()].map(([type, rows]) => ({ type, rows })),
      externalRefs: this.refs
        .filter((r) => !this.declared.has(r.key))
        .map((r) => ({ field: r.field, id: r.key })),
      references: this.refs,
    };
  }
}

/** An entity's dated names, checked, and its aliases: a name borne for a time is found by, like an alias. */
function namesOf(
  field: string,
  entity: Declared,
  name: string,
): { names: DatedName[] | undefined; aliases: string[] } {
  const names = entity.names?.map((n, j) => ({
    ...n,
    since: dateChecked(`${field}.names[${j}].since`, n.since),
    until: dateChecked(`${field}.names[${j}].until`, n.until),
  }));
  names?.forEach((n, j) => inOrder(`${field}.names[${j}].until`, n.since, n.until, 'since'));
  const borne = (names ?? [])
    .filter((n) => n.since !== undefined || n.until !== undefined)
    .map((n) => n.value);
  return { names, aliases: [...(entity.aliases ?? []), ...borne.filter((value) => value !== name)] };
}

function planPlaces(plan: PlanBuilder, doc: IngestDocument): void {
  (doc.places ?? []).forEach((place, i) => {
    const field = `places[${i}]`;
    const label = PLACE_KINDS[place.kind];
    if (place.kind === 'COUNTRY') {
      const code = place.code?.toUpperCase();
      if (!code || !countries.isValid(code))
        throw bad(`${field}.code`, `must be an ISO 3166-1 alpha-2 code, got ${JSON.stringify(place.code)}`);
      const name = place.name ?? countries.getName(code, 'en', { select: 'alias' }) ?? code;
      const english = countries.getName(code, 'en', { select: 'all' }) ?? [];
      const names = LANGUAGES.flatMap((lang) => {
        const value = countries.getName(code, lang);
        return value ? [{ lang, value }] : [];
      });
      // A country's id comes from its ISO code, whatever the document calls it: one node per country.
      plan.node(
        field,
        'Place',
        ['Place', label],
        {
          ...place,
          id: `place:country-${code.toLowerCase()}`,
          ref: place.ref ?? place.id,
          aliases: [...english.filter((n) => n !== name), ...(place.aliases ?? [])],
          names: [...names, ...(place.names ?? [])],
        },
        { name, kind: place.kind, code, alpha3: countries.alpha2ToAlpha3(code) ?? code },
        { kindLabel: label },
      );
    } else {
      if (!place.name) throw bad(`${field}.name`, 'is required for a region or city');
      plan.node(
        field,
        'Place',
        ['Place', label],
        place,
        { name: place.name, kind: place.kind },
        { kindLabel: label },
      );
    }
    if (place.in)
      plan.link('LOCATED_IN', (place.ref ?? place.id) as string, plan.ref(`${field}.in`, place.in));
  });
}

function planInstitutions(plan: PlanBuilder, doc: IngestDocument): void {
  (doc.institutions ?? []).forEach((inst, i) => {
    const field = `institutions[${i}]`;
    const key = plan.node(field, 'Institution', ['Institution', INSTITUTION_KINDS[inst.kind]], inst, {
      name: inst.name,
      kind: inst.kind,
      acronym: inst.acronym as string,
      description: inst.description as string,
    }).key;
    if (inst.partOf) plan.link('PART_OF', key, plan.ref(`${field}.partOf`, inst.partOf));
    if (inst.locatedIn) plan.link('LOCATED_IN', key, plan.ref(`${field}.locatedIn`, inst.locatedIn));
  });
  (doc.frameworks ?? []).forEach((framework, i) => {
    const field = `frameworks[${i}]`;
    const key = plan.node(field, 'Framework', ['Framework'], framework, {
      name: framework.name,
      description: framework.description as string,
    }).key;
    (framework.parties ?? []).forEach((party, j) =>
      plan.link('PARTY_TO', plan.ref(`${field}.parties[${j}]`, party), key),
    );
  });
}

function planPeople(plan: PlanBuilder, doc: IngestDocument): void {
  (doc.people ?? []).forEach((person, i) => {
    const field = `people[${i}]`;
    const row = plan.node(field, 'Person', ['Person'], person, { name: person.name });
    (person.positions ?? []).forEach((position, j) => {
      const at = `${field}.positions[${j}]`;
      const since = dateChecked(`${at}.since`, position.since);
      const until = dateChecked(`${at}.until`, position.until);
      inOrder(`${at}.until`, since, until, 'since');
      row.contextKeys.push(plan.ref(`${at}.institution`, position.institution));
      plan.rel('HOLDS_POSITION', {
        from: row.key,
        to: position.institution,
        // Two terms in the same title are two positions.
        key: since === undefined ? position.title : `${position.title}|${since}`,
        props: { title: position.title },
        since,
        until,
      });
    });
  });
}

function planEvents(plan: PlanBuilder, doc: IngestDocument): void {
  (doc.events ?? []).forEach((event, i) => {
    const field = `events[${i}]`;
    const eventDate = dateChecked(`${field}.date`, event.date);
    const endDate = dateChecked(`${field}.endDate`, event.endDate);
    inOrder(`${field}.endDate`, eventDate, endDate, 'date');
    const props = {
      name: event.name,
      kind: event.kind,
      description: event.description as string,
      order: event.order as number,
    };
    const row = plan.node(field, 'Event', ['Event', EVENT_KINDS[event.kind]], event, props, {
      date: eventDate,
      endDate,
      kindLabel: EVENT_KINDS[event.kind],
    });
    row.generatedId = `event:${eventDate ?? `undated-${shortHash(doc.source.id)}`}-${slug(event.name)}`;
    if (event.place) plan.link('HELD_IN', row.key, plan.ref(`${field}.place`, event.place));
    if (event.partOf) {
      const order: RelationshipWrite['props'] = event.order === undefined ? {} : { order: event.order };
      plan.link('PART_OF', row.key, plan.ref(`${field}.partOf`, event.partOf), order);
    }
    (event.participants ?? []).forEach((p, j) =>
      plan.link(
        'PARTICIPATED_IN',
        plan.ref(`${field}.participants[${j}].entity`, p.entity),
        row.key,
        { role: p.role, ...(p.capacity ? { capacity: p.capacity } : {}) },
        p.role,
      ),
    );
    (event.sites ?? []).forEach((site, j) =>
      plan.link('AT_SITE', row.key, plan.ref(`${field}.sites[${j}]`, site)),
    );
  });
}

function planAgreements(plan: PlanBuilder, doc: IngestDocument): void {
  (doc.agreements ?? []).forEach((agreement, i) => {
    const field = `agreements[${i}]`;
    const agreementDate = dateChecked(`${field}.date`, agreement.date);
    const props = {
      name: agreement.name,
      areas: agreement.areas as string[],
      description: agreement.description as string,
    };
    const row = plan.node(field, 'Agreement', ['Agreement'], agreement, props, { date: agreementDate });
    row.generatedId = `agreement:${agreementDate ?? `undated-${shortHash(doc.source.id)}`}-${slug(agreement.name)}`;
    if (agreement.reachedAt)
      plan.link('REACHED_AT', row.key, plan.ref(`${field}.reachedAt`, agreement.reachedAt));
    (agreement.parties ?? []).forEach((party, j) =>
      plan.link('PARTY_TO', plan.ref(`${field}.parties[${j}]`, party), row.key),
    );
    if (agreement.framework)
      plan.link('UNDER_FRAMEWORK', row.key, plan.ref(`${field}.framework`, agreement.framework));
    agreement.commitments.forEach((commitment, j) =>
      planCommitment(plan, row.key, agreement.name, commitment, j, field),
    );
  });
}

function planCommitment(
  plan: PlanBuilder,
  agreementKey: string,
  agreementName: string,
  commitment: AgreementRecord['commitments'][number],
  j: number,
  field: string,
): void {
  const at = `${field}.commitments[${j}]`;
  const key = `${agreementKey}#${j + 1}`;
  plan.node(
    at,
    'Commitment',
    ['Commitment'],
    { ref: key, name: `${agreementName}, commitment ${j + 1}` },
    { order: j + 1, text: commitment.text },
    { parentKey: agreementKey, order: j + 1 },
  );
  plan.link('HAS_COMMITMENT', agreementKey, key, { order: j + 1 });
  (commitment.concerns ?? []).forEach((target, k) =>
    plan.link('CONCERNS', key, plan.ref(`${at}.concerns[${k}]`, target)),
  );
  if (commitment.framework)
    plan.link('UNDER_FRAMEWORK', key, plan.ref(`${at}.framework`, commitment.framework));
}

function planRelationships(plan: PlanBuilder, doc: IngestDocument): void {
  (doc.relationships ?? []).forEach((rel, i) => {
    const field = `relationships[${i}]`;
    plan.rel(rel.type, {
      from: plan.ref(`${field}.from`, rel.from),
      to: plan.ref(`${field}.to`, rel.to),
      key: '',
      props: {},
      since: dateChecked(`${field}.since`, rel.since),
    });
  });
}

/** The sections of a document in the order they are planned: each may refer to what an earlier one declared. */
const SECTIONS = [planPlaces, planInstitutions, planPeople, planEvents, planAgreements, planRelationships];

/**
 * Turns a document (already checked against schema/document.schema.json) into its writes, checking what the
 * schema cannot: dates that exist and are in order, keys declared once, references that point somewhere.
 */
export function planDocument(doc: IngestDocument): WritePlan {
  const plan = new PlanBuilder();
  for (const section of SECTIONS) section(plan, doc);
  return plan.finish(doc);
}
