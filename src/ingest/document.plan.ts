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
  RELATIONSHIP_TYPES,
  type Label,
  type RelationshipType,
} from '../db/identifier.whitelist';
import { isIsoDate } from '../graphql/date.scalar';
import { ParticipantRole } from '../modules/event/event.type';
import type { IngestDocument, Named } from './document.types';

export interface NodeWrite {
  id: string;
  props: Record<string, string | number | string[]>;
  date?: string;
  endDate?: string;
  aliases: string[];
  nameLangs?: string[];
  nameValues?: string[];
}

export interface RelationshipWrite {
  from: string;
  to: string;
  /** What tells two relationships of one type between the same nodes apart: a title, a role. */
  key: string;
  props: Record<string, string | number>;
  since?: string;
  until?: string;
}

/** What one document writes: the same document always gives the same plan, so loading it again is a no-op. */
export interface WritePlan {
  sourceId: string;
  source: Record<string, string>;
  sourceDate?: string;
  publisherId?: string;
  nodes: { labels: Label[]; rows: NodeWrite[] }[];
  relationships: { type: RelationshipType; rows: RelationshipWrite[] }[];
}

const LANGUAGES = ['zh', 'ar', 'fr', 'ru', 'es', 'mn'] as const;
for (const locale of [en, zh, ar, fr, ru, es, mn]) countries.registerLocale(locale);

const bad = (field: string, message: string): AppError =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field });

/** Turns a document into its writes, checking every kind, date, role and reference on the way. */
export function planDocument(doc: IngestDocument): WritePlan {
  const declared = new Set<string>();
  const nodes = new Map<string, NodeWrite[]>();
  const rels = new Map<RelationshipType, RelationshipWrite[]>();
  const pendingRefs: { field: string; id: string }[] = [];

  const date = (field: string, value: string | undefined): string | undefined => {
    if (value !== undefined && !isIsoDate(value))
      throw bad(field, `must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
    return value;
  };
  const ref = (field: string, id: string): string => {
    pendingRefs.push({ field, id });
    return id;
  };
  const addNode = (
    field: string,
    labels: Label[],
    entity: Named,
    props: NodeWrite['props'],
    extra: Partial<NodeWrite> = {},
  ): void => {
    if (typeof entity.id !== 'string' || entity.id.trim() === '') throw bad(`${field}.id`, 'is required');
    if (declared.has(entity.id)) throw bad(`${field}.id`, `${entity.id} is declared twice in this document`);
    declared.add(entity.id);
    const key = labels.join(':');
    const row: NodeWrite = {
      id: entity.id,
      props: Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)),
      aliases: entity.aliases ?? [],
      ...(entity.names
        ? { nameLangs: entity.names.map((n) => n.lang), nameValues: entity.names.map((n) => n.value) }
        : {}),
      ...extra,
    };
    nodes.set(key, [...(nodes.get(key) ?? []), row]);
  };
  const addRel = (type: RelationshipType, row: RelationshipWrite): void => {
    rels.set(type, [...(rels.get(type) ?? []), row]);
  };

  (doc.places ?? []).forEach((place, i) => {
    const field = `places[${i}]`;
    const label = PLACE_KINDS[place.kind];
    if (!label) throw bad(`${field}.kind`, `unknown place kind ${JSON.stringify(place.kind)}`);
    if (place.kind === 'COUNTRY') {
      const code = place.code?.toUpperCase();
      if (!code || !countries.isValid(code))
        throw bad(`${field}.code`, `must be an ISO 3166-1 alpha-2 code, got ${JSON.stringify(place.code)}`);
      const english = countries.getName(code, 'en', { select: 'all' }) ?? [];
      const name = place.name ?? countries.getName(code, 'en', { select: 'alias' }) ?? code;
      const names = LANGUAGES.map((lang) => ({ lang, value: countries.getName(code, lang) })).filter(
        (n): n is { lang: (typeof LANGUAGES)[number]; value: string } => typeof n.value === 'string',
      );
      addNode(
        field,
        ['Place', label],
        {
          ...place,
          aliases: [...english.filter((n) => n !== name), ...(place.aliases ?? [])],
          names: [...names, ...(place.names ?? [])],
        },
        {
          name,
          code,
          alpha3: countries.alpha2ToAlpha3(code) ?? code,
        },
      );
    } else {
      if (!place.name) throw bad(`${field}.name`, 'is required');
      addNode(field, ['Place', label], place, { name: place.name });
    }
    if (place.in)
      addRel('LOCATED_IN', { from: place.id, to: ref(`${field}.in`, place.in), key: '', props: {} });
  });

  (doc.institutions ?? []).forEach((inst, i) => {
    const field = `institutions[${i}]`;
    const label = INSTITUTION_KINDS[inst.kind];
    if (!label) throw bad(`${field}.kind`, `unknown institution kind ${JSON.stringify(inst.kind)}`);
    addNode(field, ['Institution', label], inst, {
      name: inst.name,
      kind: inst.kind,
      acronym: inst.acronym as string,
    });
    if (inst.partOf)
      addRel('PART_OF', { from: inst.id, to: ref(`${field}.partOf`, inst.partOf), key: '', props: {} });
    if (inst.locatedIn)
      addRel('LOCATED_IN', {
        from: inst.id,
        to: ref(`${field}.locatedIn`, inst.locatedIn),
        key: '',
        props: {},
      });
  });

  (doc.people ?? []).forEach((person, i) => {
    const field = `people[${i}]`;
    addNode(field, ['Person'], person, { name: person.name });
    (person.positions ?? []).forEach((position, j) => {
      const at = `${field}.positions[${j}]`;
      if (!position.title) throw bad(`${at}.title`, 'is required');
      addRel('HOLDS_POSITION', {
        from: person.id,
        to: ref(`${at}.institution`, position.institution),
        key: position.title,
        props: { title: position.title },
        since: date(`${at}.since`, position.since),
        until: date(`${at}.until`, position.until),
      });
    });
  });

  (doc.frameworks ?? []).forEach((framework, i) => {
    const field = `frameworks[${i}]`;
    addNode(field, ['Framework'], framework, { name: framework.name });
    (framework.parties ?? []).forEach((party, j) =>
      addRel('PARTY_TO', {
        from: ref(`${field}.parties[${j}]`, party),
        to: framework.id,
        key: '',
        props: {},
      }),
    );
  });

  (doc.events ?? []).forEach((event, i) => {
    const field = `events[${i}]`;
    const label = EVENT_KINDS[event.kind];
    if (!label) throw bad(`${field}.kind`, `unknown event kind ${JSON.stringify(event.kind)}`);
    addNode(
      field,
      ['Event', label],
      event,
      {
        name: event.name,
        kind: event.kind,
        description: event.description as string,
        order: event.order as number,
      },
      { date: date(`${field}.date`, event.date), endDate: date(`${field}.endDate`, event.endDate) },
    );
    if (event.place)
      addRel('HELD_IN', { from: event.id, to: ref(`${field}.place`, event.place), key: '', props: {} });
    if (event.partOf) {
      addRel('PART_OF', {
        from: event.id,
        to: ref(`${field}.partOf`, event.partOf),
        key: '',
        props: event.order === undefined ? {} : { order: event.order },
      });
    }
    (event.participants ?? []).forEach((p, j) => {
      const at = `${field}.participants[${j}]`;
      if (!(p.role in ParticipantRole)) throw bad(`${at}.role`, `unknown role ${JSON.stringify(p.role)}`);
      addRel('PARTICIPATED_IN', {
        from: ref(`${at}.entity`, p.entity),
        to: event.id,
        key: p.role,
        props: { role: p.role, ...(p.capacity ? { capacity: p.capacity } : {}) },
      });
    });
    (event.sites ?? []).forEach((site, j) =>
      addRel('AT_SITE', { from: event.id, to: ref(`${field}.sites[${j}]`, site), key: '', props: {} }),
    );
  });

  (doc.agreements ?? []).forEach((agreement, i) => {
    const field = `agreements[${i}]`;
    addNode(
      field,
      ['Agreement'],
      agreement,
      { name: agreement.name, areas: agreement.areas ?? [] },
      {
        date: date(`${field}.date`, agreement.date),
      },
    );
    if (agreement.reachedAt) {
      addRel('REACHED_AT', {
        from: agreement.id,
        to: ref(`${field}.reachedAt`, agreement.reachedAt),
        key: '',
        props: {},
      });
    }
    (agreement.parties ?? []).forEach((party, j) =>
      addRel('PARTY_TO', {
        from: ref(`${field}.parties[${j}]`, party),
        to: agreement.id,
        key: '',
        props: {},
      }),
    );
    if (agreement.framework) {
      addRel('UNDER_FRAMEWORK', {
        from: agreement.id,
        to: ref(`${field}.framework`, agreement.framework),
        key: '',
        props: {},
      });
    }
    agreement.commitments.forEach((commitment, j) => {
      const at = `${field}.commitments[${j}]`;
      const id = `${agreement.id}#${j + 1}`;
      if (!commitment.text) throw bad(`${at}.text`, 'is required');
      addNode(
        at,
        ['Commitment'],
        { id, name: `${agreement.name}, commitment ${j + 1}` },
        { order: j + 1, text: commitment.text },
      );
      addRel('HAS_COMMITMENT', { from: agreement.id, to: id, key: '', props: { order: j + 1 } });
      (commitment.concerns ?? []).forEach((target, k) =>
        addRel('CONCERNS', { from: id, to: ref(`${at}.concerns[${k}]`, target), key: '', props: {} }),
      );
      if (commitment.framework) {
        addRel('UNDER_FRAMEWORK', {
          from: id,
          to: ref(`${at}.framework`, commitment.framework),
          key: '',
          props: {},
        });
      }
    });
  });

  (doc.relationships ?? []).forEach((rel, i) => {
    const field = `relationships[${i}]`;
    if (!(RELATIONSHIP_TYPES as readonly string[]).includes(rel.type)) {
      throw bad(`${field}.type`, `unknown relationship type ${JSON.stringify(rel.type)}`);
    }
    addRel(rel.type, {
      from: ref(`${field}.from`, rel.from),
      to: ref(`${field}.to`, rel.to),
      key: '',
      props: {},
    });
  });

  const source = doc.source;
  if (!source?.id || !source.title || !source.publisher)
    throw bad('source', 'id, title and publisher are required');
  if (source.publisherId) ref('source.publisherId', source.publisherId);
  for (const { field, id } of pendingRefs) {
    if (!declared.has(id))
      throw bad(field, `refers to ${JSON.stringify(id)}, which this document does not declare`);
  }

  const { id: sourceId, date: sourceDate, publisherId, ...sourceProps } = source;
  return {
    sourceId,
    source: Object.fromEntries(Object.entries(sourceProps).filter(([, v]) => v !== undefined)),
    sourceDate: date('source.date', sourceDate),
    publisherId,
    nodes: [...nodes.entries()].map(([key, rows]) => ({ labels: key.split(':') as Label[], rows })),
    relationships: [...rels.entries()].map(([type, rows]) => ({ type, rows })),
  };
}
