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
import type { IngestDocument, Named } from './document.types';

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

/**
 * Turns a document (already checked against schema/document.schema.json) into its writes, checking what the
 * schema cannot: dates that exist and are in order, keys declared once, references that point somewhere.
 */
export function planDocument(doc: IngestDocument): WritePlan {
  const declared = new Map<string, NodeWrite>();
  const nodes = new Map<string, NodeWrite[]>();
  const rels = new Map<RelationshipType, RelationshipWrite[]>();
  const refs: { field: string; key: string }[] = [];

  const date = (field: string, value: string | undefined): string | undefined => {
    if (value !== undefined && !isIsoDate(value))
      throw bad(field, `must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
    return value;
  };
  const ref = (field: string, key: string): string => {
    refs.push({ field, key });
    return key;
  };
  const addNode = (
    field: string,
    category: Category,
    labels: Label[],
    entity: Named & { ref?: string; name?: string; acronym?: string },
    props: NodeWrite['props'],
    extra: Partial<NodeWrite> = {},
  ): NodeWrite => {
    const key = entity.ref ?? entity.id;
    if (!key) throw bad(field, 'needs an id or a ref');
    if (declared.has(key)) throw bad(field, `${JSON.stringify(key)} is declared twice in this document`);
    const claimed = CATEGORY_OF_PREFIX.get(entity.id?.split(':')[0] ?? '');
    // Ids with a kind's prefix are that kind's: an institution under an event's id would take that event's place.
    if (claimed !== undefined && claimed !== category)
      throw bad(`${field}.id`, `${JSON.stringify(entity.id)} starts as ids of the kind ${claimed} do`);
    const name = (props.name as string | undefined) ?? entity.name ?? key;
    const names = entity.names?.map((n, j) => ({
      ...n,
      since: date(`${field}.names[${j}].since`, n.since),
      until: date(`${field}.names[${j}].until`, n.until),
    }));
    names?.forEach((n, j) => {
      if (n.since !== undefined && n.until !== undefined && n.until < n.since)
        throw bad(`${field}.names[${j}].until`, `is before since (${n.since})`);
    });
    // A name borne for a time is one the entity is found and resolved by, like an alias.
    const borne = (names ?? [])
      .filter((n) => n.since !== undefined || n.until !== undefined)
      .map((n) => n.value);
    const aliases = [...(entity.aliases ?? []), ...borne.filter((value) => value !== name)];
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
    declared.set(key, row);
    const group = labels.join(':');
    // Appended in place: copying the list on every append made a large document's plan quadratic.
    if (nodes.has(group)) nodes.get(group)?.push(row);
    else nodes.set(group, [row]);
    return row;
  };
  const addRel = (type: RelationshipType, row: RelationshipWrite): void => {
    if (rels.has(type)) rels.get(type)?.push(row);
    else rels.set(type, [row]);
  };
  const link = (
    type: RelationshipType,
    from: string,
    to: string,
    props: RelationshipWrite['props'] = {},
    key = '',
  ): void => addRel(type, { from, to, key, props });

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
      addNode(
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
      addNode(
        field,
        'Place',
        ['Place', label],
        place,
        { name: place.name, kind: place.kind },
        { kindLabel: label },
      );
    }
    if (place.in) link('LOCATED_IN', (place.ref ?? place.id) as string, ref(`${field}.in`, place.in));
  });

  (doc.institutions ?? []).forEach((inst, i) => {
    const field = `institutions[${i}]`;
    const key = addNode(field, 'Institution', ['Institution', INSTITUTION_KINDS[inst.kind]], inst, {
      name: inst.name,
      kind: inst.kind,
      acronym: inst.acronym as string,
      description: inst.description as string,
    }).key;
    if (inst.partOf) link('PART_OF', key, ref(`${field}.partOf`, inst.partOf));
    if (inst.locatedIn) link('LOCATED_IN', key, ref(`${field}.locatedIn`, inst.locatedIn));
  });

  (doc.frameworks ?? []).forEach((framework, i) => {
    const field = `frameworks[${i}]`;
    const key = addNode(field, 'Framework', ['Framework'], framework, {
      name: framework.name,
      description: framework.description as string,
    }).key;
    (framework.parties ?? []).forEach((party, j) =>
      link('PARTY_TO', ref(`${field}.parties[${j}]`, party), key),
    );
  });

  (doc.people ?? []).forEach((person, i) => {
    const field = `people[${i}]`;
    const row = addNode(field, 'Person', ['Person'], person, { name: person.name });
    (person.positions ?? []).forEach((position, j) => {
      const at = `${field}.positions[${j}]`;
      const since = date(`${at}.since`, position.since);
      const until = date(`${at}.until`, position.until);
      if (since !== undefined && until !== undefined && until < since)
        throw bad(`${at}.until`, `is before since (${since})`);
      row.contextKeys.push(ref(`${at}.institution`, position.institution));
      addRel('HOLDS_POSITION', {
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

  (doc.events ?? []).forEach((event, i) => {
    const field = `events[${i}]`;
    const eventDate = date(`${field}.date`, event.date);
    const endDate = date(`${field}.endDate`, event.endDate);
    if (eventDate !== undefined && endDate !== undefined && endDate < eventDate)
      throw bad(`${field}.endDate`, `is before date (${eventDate})`);
    const row = addNode(
      field,
      'Event',
      ['Event', EVENT_KINDS[event.kind]],
      event,
      {
        name: event.name,
        kind: event.kind,
        description: event.description as string,
        order: event.order as number,
      },
      { date: eventDate, endDate, kindLabel: EVENT_KINDS[event.kind] },
    );
    row.generatedId = `event:${eventDate ?? `undated-${shortHash(doc.source.id)}`}-${slug(event.name)}`;
    if (event.place) link('HELD_IN', row.key, ref(`${field}.place`, event.place));
    if (event.partOf)
      link(
        'PART_OF',
        row.key,
        ref(`${field}.partOf`, event.partOf),
        event.order === undefined ? {} : { order: event.order },
      );
    (event.participants ?? []).forEach((p, j) =>
      link(
        'PARTICIPATED_IN',
        ref(`${field}.participants[${j}].entity`, p.entity),
        row.key,
        { role: p.role, ...(p.capacity ? { capacity: p.capacity } : {}) },
        p.role,
      ),
    );
    (event.sites ?? []).forEach((site, j) => link('AT_SITE', row.key, ref(`${field}.sites[${j}]`, site)));
  });

  (doc.agreements ?? []).forEach((agreement, i) => {
    const field = `agreements[${i}]`;
    const agreementDate = date(`${field}.date`, agreement.date);
    const row = addNode(
      field,
      'Agreement',
      ['Agreement'],
      agreement,
      {
        name: agreement.name,
        areas: agreement.areas as string[],
        description: agreement.description as string,
      },
      { date: agreementDate },
    );
    row.generatedId = `agreement:${agreementDate ?? `undated-${shortHash(doc.source.id)}`}-${slug(agreement.name)}`;
    if (agreement.reachedAt) link('REACHED_AT', row.key, ref(`${field}.reachedAt`, agreement.reachedAt));
    (agreement.parties ?? []).forEach((party, j) =>
      link('PARTY_TO', ref(`${field}.parties[${j}]`, party), row.key),
    );
    if (agreement.framework) link('UNDER_FRAMEWORK', row.key, ref(`${field}.framework`, agreement.framework));
    agreement.commitments.forEach((commitment, j) => {
      const at = `${field}.commitments[${j}]`;
      const commitmentKey = `${row.key}#${j + 1}`;
      addNode(
        at,
        'Commitment',
        ['Commitment'],
        { ref: commitmentKey, name: `${agreement.name}, commitment ${j + 1}` },
        { order: j + 1, text: commitment.text },
        { parentKey: row.key, order: j + 1 },
      );
      link('HAS_COMMITMENT', row.key, commitmentKey, { order: j + 1 });
      (commitment.concerns ?? []).forEach((target, k) =>
        link('CONCERNS', commitmentKey, ref(`${at}.concerns[${k}]`, target)),
      );
      if (commitment.framework)
        link('UNDER_FRAMEWORK', commitmentKey, ref(`${at}.framework`, commitment.framework));
    });
  });

  (doc.relationships ?? []).forEach((rel, i) => {
    const field = `relationships[${i}]`;
    addRel(rel.type, {
      from: ref(`${field}.from`, rel.from),
      to: ref(`${field}.to`, rel.to),
      key: '',
      props: {},
      since: date(`${field}.since`, rel.since),
    });
  });

  // Two mentions of one document with the same name are two entities (the document gave them two refs).
  const generated = new Map<string, number>();
  for (const row of declared.values()) {
    const seen = generated.get(row.generatedId) ?? 0;
    generated.set(row.generatedId, seen + 1);
    if (seen > 0) row.generatedId = `${row.generatedId}-${seen + 1}`;
  }

  const { id: sourceId, date: sourceDate, publisherId, ...sourceProps } = doc.source;
  if (publisherId) ref('source.publisherId', publisherId);

  return {
    sourceId,
    source: Object.fromEntries(Object.entries(sourceProps).filter(([, v]) => v !== undefined)),
    sourceDate: date('source.date', sourceDate),
    publisherKey: publisherId,
    nodes: [...nodes.entries()].map(([group, rows]) => ({ labels: group.split(':') as Label[], rows })),
    relationships: [...rels.entries()].map(([type, rows]) => ({ type, rows })),
    externalRefs: refs.filter((r) => !declared.has(r.key)).map((r) => ({ field: r.field, id: r.key })),
    references: refs,
  };
}
