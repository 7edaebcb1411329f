import type { ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../common/app.errors';
import { countryOf } from '../db/country.cypher';
import { CURRENT_ENTITY } from '../db/current-entity.cypher';
import { union, unionIgnoringCase } from '../db/cypher.lists';
import { clashingNames, combinedNames, namesOf, setNames } from '../db/dated-names.cypher';
import {
  checkedLabel,
  checkedRelType,
  cypherLabel,
  cypherRelType,
  type RelationshipType,
} from '../db/identifier.whitelist';
import type { Database } from '../db/neo4j.database';
import { candidatePairId, candidatePairIdCypher } from '../modules/review/candidate.id';
import { anyWordQuery } from '../modules/search/lucene.query';
import type { NodeWrite, WritePlan } from './document.plan';
import { ACYCLIC, graphFactsOf, type GraphFacts } from './link.rules';
import {
  eventToldTwice,
  resolutionKeys,
  resolveMention,
  shortHash,
  type Candidate,
  type Mention,
  type ToldBefore,
} from './entity.resolution';

export type Outcome = 'CREATED' | 'MATCHED' | 'UPDATED';

export interface IngestReport {
  sourceId: string;
  created: number;
  matched: number;
  updated: number;
  relationshipsCreated: number;
  entities: { field: string; key: string; id: string; outcome: Outcome; matchedBy?: string }[];
  uncertain: {
    field: string;
    name: string;
    id: string;
    candidates: { id: string; name: string; score: number; reason: string }[];
  }[];
  /** Mentions and relationships not written because an entity they name was deleted (a tombstone). */
  skipped: { field: string; id: string; reason: string }[];
}

const NAME_RESOLVED = new Set(['Institution', 'Person', 'Place', 'Framework']);

/**
 * Ingests a whole document in one write transaction: resolve every mention against the graph, then write.
 * Every MERGE is keyed by a stable id (relationships by their ends, type and key), so the transaction is
 * idempotent, the driver may retry it, and ingesting the same document again changes nothing. Any error
 * aborts the transaction: all of the document lands, or none of it.
 */
export class DocumentRepository {
  /** `maxDepth`: how far a candidate's country is looked for (MAX_TRAVERSAL_DEPTH), as everywhere else. */
  constructor(
    private readonly db: Database,
    private readonly maxDepth: number,
  ) {}

  /**
   * `check` is given what the graph knows of the document's ids, read once under the document's locks before
   * anything is written: what it throws leaves nothing written.
   */
  ingest(plan: WritePlan, check?: (facts: GraphFacts) => void): Promise<IngestReport> {
    return this.db.write(
      (tx) => ingestInTransaction(tx, structuredClone(plan), this.maxDepth, check),
      this.db.ingestTimeoutMs,
    );
  }
}

/**
 * What the graph has of a document's ids, read under the document's locks: the entity each names now, that
 * entity's labels, and which ids were deleted.
 */
interface KnownIds {
  ids: Map<string, string>;
  labels: Map<string, string[]>;
  /** The ids whose lock this transaction took before reading them. */
  locked: Set<string>;
  /** Among the locked ids, those with a tombstone. */
  dead: Set<string>;
}

const idKey = (id: string): string => `id|${id}`;

/**
 * Makes the lock node of each of `$keys` where missing, and takes the locks of those in `$only` (all of them when
 * null): a SET, even of the same value, takes a node's write lock. One row follows (`locked`), so the locking ends
 * before anything after it reads.
 */
const TAKE_LOCKS = `UNWIND $keys AS key
  MERGE (lock:${cypherLabel('ResolutionLock')} {key: key})
  WITH lock WHERE $only IS NULL OR lock.key IN $only
  SET lock.key = lock.key
  WITH count(*) AS locked`;

/** Keys in one order for every transaction, so that two taking shared locks cannot wait on each other. */
const lockOrder = (keys: string[]): string[] => [...new Set(keys)].sort();

/**
 * Takes the locks of `keys` (sorted, so that two transactions take shared ones in one order), and only then reads
 * the entities `ids` name now and which of `deletable` have a tombstone: one round trip. The count between the
 * two halves ends the locking before any read starts.
 */
async function lockThenRead(
  tx: ManagedTransaction,
  keys: string[],
  ids: string[],
  deletable: string[],
): Promise<{ known: { id: string; resolved: string; labels: string[] }[]; dead: Set<string> }> {
  const result = await tx.run(
    `${TAKE_LOCKS}
     CALL () {
       UNWIND $ids AS id
       ${CURRENT_ENTITY}
       RETURN collect({id: id, resolved: entity.id, labels: labels(entity)}) AS known
     }
     RETURN known,
            COLLECT { MATCH (t:${cypherLabel('Tombstone')}) WHERE t.id IN $deletable RETURN t.id } AS dead`,
    { keys: lockOrder(keys), only: null, ids: [...new Set(ids)], deletable: [...new Set(deletable)] },
  );
  const record = result.records[0];
  return {
    known: (record?.get('known') ?? []) as { id: string; resolved: string; labels: string[] }[],
    dead: new Set((record?.get('dead') ?? []) as string[]),
  };
}

/**
 * The document's locks (see resolutionLockKeys), then the ids already in the graph, a merged entity's old id
 * standing for the entity it was merged into, and the tombstones of the ids just locked.
 */
async function lockAndReadIds(tx: ManagedTransaction, plan: WritePlan): Promise<KnownIds> {
  const keys = resolutionLockKeys(plan);
  const locked = keys.filter((key) => key.startsWith('id|')).map((key) => key.slice(3));
  const ids = [
    ...plan.nodes
      .flatMap((group) => group.rows)
      .flatMap((row) => [row.explicitId, row.generatedId].filter((id): id is string => id !== undefined)),
    ...plan.externalRefs.map((r) => r.id),
  ];
  const { known, dead } = await lockThenRead(tx, keys, ids, locked);
  return {
    ids: new Map(known.map((k) => [k.id, k.resolved])),
    labels: new Map(known.map((k) => [k.id, k.labels])),
    locked: new Set(locked),
    dead,
  };
}

/** A mention's own ids: a REJECTED pair with either of them keeps a candidate out for good. */
const ownIds = (row: NodeWrite, sourceId: string): string[] => [row.generatedId, ownId(row, sourceId)];

async function candidatesFor(
  tx: ManagedTransaction,
  state: Resolving,
  rows: NodeWrite[],
): Promise<Map<string, { mention: Mention; candidates: Candidate[] }>> {
  const mentions = new Map(rows.map((row) => [row.key, mentionOf(state, row)]));
  const queries = rows.flatMap((row) => {
    const query = anyWordQuery(row.mentionNames);
    const mention = mentions.get(row.key) as Mention;
    return query === undefined
      ? []
      : [
          {
            key: row.key,
            query,
            category: row.category,
            generatedId: row.generatedId,
            ownIds: ownIds(row, state.plan.sourceId),
            parent: mention.parent ?? null,
          },
        ];
  });
  // The entity already under the id this mention would get is always a candidate: the full-text index may not
  // show a node another transaction has just committed, or may rank it past its first 25.
  const result = await tx.run(
    `UNWIND $mentions AS m
     CALL (m) {
       CALL db.index.fulltext.queryNodes('entity_search', m.query, {limit: 25}) YIELD node RETURN node
       UNION
       MATCH (node:Entity {id: m.generatedId}) RETURN node
     }
     WITH m, node WHERE m.category IN labels(node)
       AND NOT EXISTS {
         MATCH (rejected:${cypherLabel('ResolutionCandidate')} {status: 'REJECTED'})
         WHERE rejected.id IN [own IN m.ownIds | ${candidatePairIdCypher('own', 'node.id')}]
       }
     RETURN m.key AS key, node.id AS id, labels(node) AS labels, node.acronym AS acronym, node.kind AS kind,
            [node.name] + coalesce(node.aliases, []) AS names,
            [(node)-[:${cypherRelType('HOLDS_POSITION')}]->(at:Entity) | at.id] AS context,
            head([(node)-[:${cypherRelType('PART_OF')}]->(parent:Entity) | parent.id]) AS parent,
            head([(node)-[:${cypherRelType('LOCATED_IN')}]->(place:Place) | place.id]) AS place,
            head([(node)-[:${cypherRelType('LOCATED_IN')}]->(place:Place) | [place.name] + coalesce(place.aliases, [])]) AS placeNames,
            toString(node.date) AS date,
            ${countryOf('node', state.maxDepth)}.country.code AS country,
            head(COLLECT {
              MATCH (mentioned:Entity {id: m.parent}) RETURN ${countryOf('mentioned', state.maxDepth)}.country.code
            }) AS parentCountry,
            coalesce(node.sourceIds, []) AS sourceIds`,
    { mentions: queries },
  );
  const byKey = new Map<string, { mention: Mention; candidates: Candidate[] }>();
  for (const row of rows) byKey.set(row.key, { mention: mentions.get(row.key) as Mention, candidates: [] });
  for (const record of result.records) {
    const entry = byKey.get(record.get('key') as string) as { mention: Mention; candidates: Candidate[] };
    entry.mention.country ??= (record.get('parentCountry') as string | null) ?? undefined;
    entry.candidates.push({
      id: record.get('id') as string,
      labels: record.get('labels') as string[],
      names: record.get('names') as string[],
      context: record.get('context') as string[],
      sourceIds: record.get('sourceIds') as string[],
      acronym: (record.get('acronym') as string | null) ?? undefined,
      kind: (record.get('kind') as string | null) ?? undefined,
      parent: (record.get('parent') as string | null) ?? undefined,
      country: (record.get('country') as string | null) ?? undefined,
      place: (record.get('place') as string | null) ?? undefined,
      placeNames: (record.get('placeNames') as string[] | null) ?? undefined,
      date: (record.get('date') as string | null) ?? undefined,
    });
  }
  return byKey;
}

/**
 * Locks the name keys of every mention this document resolves by name, and the ids it may write, in one order:
 * two ingests that could decide about the same entity decide one after the other, each seeing what the other
 * wrote, as in a sequential ingest; so do an ingest and a delete of an id it names. The hierarchies' locks are taken later, by the documents that need them
 * (`hierarchyChecks`).
 */
function resolutionLockKeys(plan: WritePlan): string[] {
  const keys = new Set<string>();
  for (const row of plan.nodes.flatMap((group) => group.rows)) {
    if (row.category === 'Commitment') continue;
    keys.add(idKey(row.explicitId ?? row.generatedId));
    if (row.explicitId !== undefined) continue;
    if (NAME_RESOLVED.has(row.category) || row.category === 'Event') {
      for (const key of resolutionKeys(row.category, row.mentionNames, row.kindLabel)) keys.add(key);
    }
    // Events of one kind and date may be one event told twice: decided one ingest after the other.
    if (row.category === 'Event' && row.date !== undefined) keys.add(`Event|${row.kindLabel}|${row.date}`);
  }
  for (const { id } of plan.externalRefs) keys.add(idKey(id));
  return [...keys];
}

async function lockKeys(tx: ManagedTransaction, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.run(`${TAKE_LOCKS} RETURN locked`, { keys: lockOrder(keys), only: null });
}

/** Takes the locks of these entity ids: ingest and delete take an id's lock before deciding about it. */
export function lockIds(tx: ManagedTransaction, ids: string[]): Promise<void> {
  return lockKeys(tx, ids.map(idKey));
}

/** Where resolution stands: each row's graph id once known, and why it matched, for the report. */
interface Resolving {
  plan: WritePlan;
  /** MAX_TRAVERSAL_DEPTH: the bound of the country walk. */
  maxDepth: number;
  rows: NodeWrite[];
  existing: Map<string, string>;
  existingLabels: Map<string, string[]>;
  matchedBy: Map<string, string>;
  graphId: (key: string) => string;
  /** A key's graph id if it is known yet (a row resolved, or an id in the graph). */
  idOf: (key: string) => string | undefined;
  links: DocumentLinks;
  report: IngestReport;
}

/** What the document itself says about where its institutions sit. */
interface DocumentLinks {
  partOf: Map<string, string>;
  locatedIn: Map<string, string>;
  /** The ISO code of the country a record is located in, following the document's own places. */
  country: (key: string) => string | undefined;
}

function documentLinks(plan: WritePlan, rows: NodeWrite[]): DocumentLinks {
  const targets = (type: string): Map<string, string> =>
    new Map(
      plan.relationships
        .filter((group) => group.type === type)
        .flatMap((group) => group.rows.map((row) => [row.from, row.to] as const)),
    );
  const partOf = targets('PART_OF');
  const locatedIn = targets('LOCATED_IN');
  const codes = new Map(
    rows.flatMap((row) => (typeof row.props.code === 'string' ? [[row.key, row.props.code] as const] : [])),
  );
  const country = (key: string, depth = 0): string | undefined => {
    if (codes.has(key)) return codes.get(key);
    if (depth > 4) return undefined;
    const next = locatedIn.get(key) ?? partOf.get(key);
    return next === undefined ? undefined : country(next, depth + 1);
  };
  return { partOf, locatedIn, country: (key) => (codes.has(key) ? undefined : country(key)) };
}

function assign(state: Resolving, row: NodeWrite, id: string, how?: string): void {
  row.id = id;
  if (how !== undefined) state.matchedBy.set(row.key, how);
}

/** A new entity of its own under a taken id, named for this document so that ingesting it again finds it. */
const ownId = (row: NodeWrite, sourceId: string): string => `${row.generatedId}-${shortHash(sourceId)}`;

/** What the document says around a mention: for a person their organisations, for an institution its parent. */
function mentionOf(state: Resolving, row: NodeWrite): Mention {
  const parentKey = state.links.partOf.get(row.key);
  const parent = parentKey === undefined ? undefined : state.idOf(parentKey);
  const placeKey = state.links.locatedIn.get(row.key);
  const placeRow = state.rows.find((r) => r.key === placeKey);
  return {
    category: row.category,
    names: row.mentionNames,
    context: row.contextKeys.map(state.graphId),
    kindLabel: row.kindLabel,
    sourceId: state.plan.sourceId,
    acronym: typeof row.props.acronym === 'string' ? row.props.acronym : undefined,
    parent,
    country: state.links.country(row.key),
    kind: row.category === 'Institution' && typeof row.props.kind === 'string' ? row.props.kind : undefined,
    place: placeKey === undefined ? undefined : state.idOf(placeKey),
    placeNames: placeRow?.mentionNames,
    date: row.date,
  };
}

async function resolveByName(tx: ManagedTransaction, state: Resolving, batch: NodeWrite[]): Promise<void> {
  if (batch.length === 0) return;
  const found = await candidatesFor(tx, state, batch);
  for (const row of batch) {
    const { mention, candidates } = found.get(row.key) as { mention: Mention; candidates: Candidate[] };
    const resolution = resolveMention(mention, candidates);
    if (resolution.outcome === 'MATCHED') {
      assign(state, row, resolution.id, resolution.reason);
    } else {
      // The generated id while it is free: the next mention of this name finds the entity under it for sure,
      // where the full-text index might rank it past its first hits.
      assign(
        state,
        row,
        state.existing.has(row.generatedId) ? ownId(row, state.plan.sourceId) : row.generatedId,
      );
      if (resolution.outcome === 'UNCERTAIN') {
        const names = new Map(candidates.map((c) => [c.id, c.names[0] ?? c.id]));
        state.report.uncertain.push({
          field: row.field,
          name: row.mentionNames[0] ?? row.key,
          id: row.id as string,
          candidates: resolution.candidates.map((c) => ({ ...c, name: names.get(c.id) ?? c.id })),
        });
      }
    }
  }
}

/**
 * Institutions (and events) in waves, parents first: a parent is part of the evidence about its part, so it must
 * be known (resolved) before the part is.
 */
async function resolveInWaves(
  state: Resolving,
  rows: NodeWrite[],
  resolve: (wave: NodeWrite[]) => Promise<void>,
): Promise<void> {
  let pending = rows;
  while (pending.length > 0) {
    const ready = pending.filter((row) => {
      const parentKey = state.links.partOf.get(row.key);
      return parentKey === undefined || state.idOf(parentKey) !== undefined;
    });
    // A PART_OF cycle within the document leaves no row ready: resolve the rest without their parents.
    const wave = ready.length > 0 ? ready : pending;
    await resolve(wave);
    pending = pending.filter((row) => !wave.includes(row));
  }
}

/** A row with an id of its own is that entity (a merged id leads to the kept one), which must be of its kind. */
function resolveById(state: Resolving, row: NodeWrite, id: string): void {
  const known = state.existing.get(id);
  const labels = state.existingLabels.get(id);
  if (labels && !labels.includes(row.category)) {
    const field = `${row.field}.id`;
    throw new AppError(
      'BAD_USER_INPUT',
      `${field}: ${JSON.stringify(id)} is not a ${row.category.toLowerCase()} in the graph`,
      { field },
    );
  }
  assign(state, row, known ?? id, known === undefined ? undefined : known === id ? 'id' : 'merged id');
}

/**
 * An event or agreement is identified by its date and name: the one already under that id (or merged from it)
 * is the same one; an id taken by an entity of another kind leaves it an id of its own.
 */
function resolveByGeneratedId(state: Resolving, row: NodeWrite): void {
  const labels = state.existingLabels.get(row.generatedId);
  if (labels && !labels.includes(row.category)) assign(state, row, ownId(row, state.plan.sourceId));
  else resolveById(state, row, row.generatedId);
}

async function resolveAll(
  tx: ManagedTransaction,
  plan: WritePlan,
  report: IngestReport,
  maxDepth: number,
  { ids: existing, labels: existingLabels }: KnownIds,
): Promise<Resolving> {
  const rows = plan.nodes.flatMap((group) => group.rows);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const state: Resolving = {
    plan,
    maxDepth,
    rows,
    existing,
    existingLabels,
    matchedBy: new Map(),
    graphId: (key) => byKey.get(key)?.id ?? (existing.get(key) as string),
    idOf: (key) => (byKey.has(key) ? byKey.get(key)?.id : existing.get(key)),
    links: documentLinks(plan, rows),
    report,
  };

  for (const row of rows) {
    if (row.explicitId !== undefined) resolveById(state, row, row.explicitId);
    else if (row.category === 'Agreement' || (row.category === 'Event' && existing.has(row.generatedId)))
      resolveByGeneratedId(state, row);
  }
  const unresolved = (categories: string[]): NodeWrite[] =>
    rows.filter(
      (row) => row.id === undefined && categories.includes(row.category) && NAME_RESOLVED.has(row.category),
    );
  await resolveByName(tx, state, unresolved(['Place']));
  await resolveInWaves(state, unresolved(['Institution']), (wave) => resolveByName(tx, state, wave));
  await resolveByName(tx, state, unresolved(['Framework']));
  // People after institutions: the institutions the document places them at are their context.
  await resolveByName(tx, state, unresolved(['Person']));
  // Events last: their participants are evidence that two documents tell one event.
  const events = rows.filter((row) => row.id === undefined && row.category === 'Event');
  await resolveInWaves(state, events, async (wave) => {
    await resolveByName(tx, state, wave);
    await mergeEventsToldTwice(tx, state, wave);
  });
  for (const row of rows.filter((r) => r.category === 'Commitment')) {
    assign(state, row, `${state.graphId(row.parentKey as string)}#${row.order}`);
  }
  return state;
}

/**
 * The source and every entity in one statement: labels are values of the whitelist, set as dynamic labels. The ids
 * of the entities this statement created.
 */
async function writeNodes(tx: ManagedTransaction, plan: WritePlan, state: Resolving): Promise<Set<string>> {
  const { report, matchedBy } = state;
  const created = new Set<string>();
  const byKey = new Map(state.rows.map((row) => [row.key, row]));
  const nodeRows = plan.nodes.flatMap((group) =>
    group.rows.map((row) => ({
      ...row,
      labels: group.labels.map(checkedLabel),
    })),
  );
  const result = await tx.run(
    `CALL () {
       MERGE (s:Source {id: $sourceId})
       SET s += $source, s.date = CASE WHEN $date IS NULL THEN s.date ELSE date($date) END
     }
     UNWIND $rows AS row
     MERGE (n:Entity {id: row.id})
     WITH n, row, properties(n) AS before, ${namesOf('row')} AS incoming
     WITH n, row, before, incoming, ${combinedNames(namesOf('n'), 'incoming')} AS names
     WITH n, row, before, names, ${clashingNames('incoming', 'names')} AS clashing
     FOREACH (_ IN CASE WHEN before.sourceIds IS NULL THEN [1] ELSE [] END | SET n:$(row.labels))
     SET n += row.props,
         n.order = coalesce(toInteger(row.props.order), n.order),
         n.name = CASE WHEN row.rename THEN row.props.name ELSE coalesce(before.name, row.props.name) END,
         n.kind = coalesce(before.kind, row.props.kind),
         n.date = CASE WHEN row.date IS NULL THEN n.date ELSE date(row.date) END,
         n.endDate = CASE WHEN row.endDate IS NULL THEN n.endDate ELSE date(row.endDate) END,
         ${setNames('n', 'names')},
         n.sourceIds = ${union('n.sourceIds', '$sourceIds')}
     SET n.aliases = [alias IN ${unionIgnoringCase('n.aliases', 'row.aliases + [row.props.name] + clashing + CASE WHEN row.rename THEN [before.name] ELSE [] END')} WHERE toLower(alias) <> toLower(n.name)]
     SET n.searchText = reduce(text = coalesce(n.acronym, ''), alias IN n.aliases | text + ' | ' + alias)
     RETURN row.key AS key, before.sourceIds IS NULL AS created, before <> properties(n) AS changed`,
    {
      rows: nodeRows,
      sourceIds: [plan.sourceId],
      sourceId: plan.sourceId,
      source: plan.source,
      date: plan.sourceDate ?? null,
    },
  );
  for (const record of result.records) {
    const row = byKey.get(record.get('key') as string) as NodeWrite;
    const outcome: Outcome = record.get('created')
      ? 'CREATED'
      : record.get('changed')
        ? 'UPDATED'
        : 'MATCHED';
    report[outcome === 'CREATED' ? 'created' : outcome === 'UPDATED' ? 'updated' : 'matched'] += 1;
    if (outcome === 'CREATED') created.add(row.id as string);
    report.entities.push({
      field: row.field,
      key: row.key,
      id: row.id as string,
      outcome,
      matchedBy: matchedBy.get(row.key),
    });
  }
  return created;
}

/**
 * Every relationship in one statement, after taking `locks` (the hierarchies' locks this document needs, see
 * `hierarchyChecks`). The lock node of every hierarchy the document writes to is made if missing, whether it is
 * taken or not: so whether a lock node exists depends on what the graph holds, not on which writes had to lock,
 * and writing a document again changes nothing.
 */
async function writeRelationships(
  tx: ManagedTransaction,
  plan: WritePlan,
  state: Resolving,
  { hierarchies, locks }: { hierarchies: string[]; locks: string[] },
): Promise<void> {
  const { graphId, report } = state;
  const relationshipRows = plan.relationships.flatMap((group) =>
    group.rows.map((row) => ({
      ...row,
      type: checkedRelType(group.type),
      from: graphId(row.from),
      to: graphId(row.to),
    })),
  );
  if (relationshipRows.length > 0) {
    const result = await tx.run(
      `${TAKE_LOCKS}
       UNWIND $rows AS row
       MATCH (a:Entity {id: row.from})
       MATCH (b:Entity {id: row.to})
       MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
       WITH r, row, r.sourceIds IS NULL AS created
       SET r += row.props,
           r.order = coalesce(toInteger(row.props.order), r.order),
           r.since = CASE WHEN row.since IS NULL THEN r.since ELSE date(row.since) END,
           r.until = CASE WHEN row.until IS NULL THEN r.until ELSE date(row.until) END,
           r.sourceIds = ${union('r.sourceIds', '$sourceIds')}
       RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS written`,
      { keys: lockOrder(hierarchies), only: locks, rows: relationshipRows, sourceIds: [plan.sourceId] },
    );
    report.relationshipsCreated += (result.records[0]?.get('created') as number | undefined) ?? 0;
    // Both ends were found before writing; one missing now was deleted or merged by another write meanwhile.
    if (((result.records[0]?.get('written') as number | undefined) ?? 0) !== relationshipRows.length) {
      throw new AppError(
        'CONFLICT',
        'An entity this document refers to was deleted or merged meanwhile; nothing was written. Try again.',
      );
    }
  }
}

/**
 * An event this document creates may be one another document told under another name: same kind, same date, and
 * participants in common. It becomes that event when the evidence is certain (see `eventToldTwice`); otherwise
 * the pairs are reported for review.
 */
async function mergeEventsToldTwice(
  tx: ManagedTransaction,
  state: Resolving,
  rows: NodeWrite[],
): Promise<void> {
  const participants = new Map<string, string[]>();
  for (const row of state.plan.relationships.find((group) => group.type === 'PARTICIPATED_IN')?.rows ?? []) {
    if (!participants.has(row.to)) participants.set(row.to, []);
    participants.get(row.to)?.push(state.graphId(row.from));
  }
  const events = rows
    .filter((row) => row.date !== undefined && !state.matchedBy.has(row.key) && participants.has(row.key))
    .map((row) => ({
      key: row.key,
      id: row.id,
      date: row.date,
      kind: row.kindLabel ?? 'Event',
      participants: [...new Set(participants.get(row.key))],
    }));
  if (events.length === 0) return;
  const result = await tx.run(
    `UNWIND $events AS e
     MATCH (other:Event {date: date(e.date)})
     WHERE other.id <> e.id AND e.kind IN labels(other)
     WITH e, other,
          COUNT { MATCH (p:Entity) WHERE p.id IN e.participants AND (p)-[:${cypherRelType('PARTICIPATED_IN')}]->(other) } AS shared
     WHERE shared > 0
     RETURN e.key AS key, other.id AS id, other.name AS name, coalesce(other.aliases, []) AS aliases, shared,
            COUNT { MATCH (p:Entity) WHERE (p)-[:${cypherRelType('PARTICIPATED_IN')}]->(other) } AS theirs,
            size(e.participants) AS ours
     ORDER BY id`,
    { events },
  );
  const rowOf = new Map(state.rows.map((row) => [row.key, row]));
  const found = new Map<string, (ToldBefore & { name: string })[]>();
  for (const record of result.records) {
    const key = record.get('key') as string;
    if (!found.has(key)) found.set(key, []);
    found.get(key)?.push({
      id: record.get('id') as string,
      name: record.get('name') as string,
      names: [record.get('name') as string, ...(record.get('aliases') as string[])],
      shared: record.get('shared') as number,
      theirs: record.get('theirs') as number,
      ours: record.get('ours') as number,
    });
  }
  const decide = (contested: Set<string>) =>
    [...found].map(([key, others]) => {
      const row = rowOf.get(key) as NodeWrite;
      return { row, others, decision: eventToldTwice(row.mentionNames, others, contested) };
    });
  const chosen = decide(new Set()).flatMap(({ decision }) =>
    decision.outcome === 'MATCHED' ? [decision.id] : [],
  );
  // Two events of this document told as the same other event: which one it is is not certain.
  const contested = new Set(chosen.filter((id, i) => chosen.indexOf(id) !== i));
  for (const { row, others, decision } of decide(contested)) {
    if (decision.outcome === 'MATCHED') {
      assign(state, row, decision.id, decision.reason);
      // Name resolution's doubts about this row are settled.
      state.report.uncertain = state.report.uncertain.filter((u) => u.field !== row.field);
      continue;
    }
    const names = new Map(others.map((other) => [other.id, other.name]));
    state.report.uncertain.push({
      field: row.field,
      name: row.mentionNames[0] ?? row.key,
      id: row.id as string,
      candidates: decision.candidates.map((c) => ({ ...c, name: names.get(c.id) ?? c.id })),
    });
  }
}

/**
 * Every pair this document could not decide, for review: a new pair is OPEN; a pair already there keeps its
 * status (a rejected one stays rejected) and records this document among those that raised it.
 */
async function writeCandidates(tx: ManagedTransaction, plan: WritePlan, report: IngestReport): Promise<void> {
  const categoryOf = new Map(
    plan.nodes.flatMap((group) => group.rows.map((row) => [row.field, row.category])),
  );
  const pairs = report.uncertain.flatMap((mention) =>
    mention.candidates.map((candidate) => ({
      id: candidatePairId(mention.id, candidate.id),
      a: mention.id < candidate.id ? mention.id : candidate.id,
      b: mention.id < candidate.id ? candidate.id : mention.id,
      category: categoryOf.get(mention.field) ?? null,
      score: candidate.score,
      reasons: [candidate.reason],
    })),
  );
  if (pairs.length === 0) return;
  await tx.run(
    `UNWIND $pairs AS pair
     MERGE (c:${cypherLabel('ResolutionCandidate')} {id: pair.id})
     ON CREATE SET c.a = pair.a, c.b = pair.b, c.category = pair.category, c.score = pair.score,
                   c.reasons = pair.reasons, c.status = 'OPEN', c.createdAt = datetime()
     SET c.sourceIds = ${union('c.sourceIds', '[$sourceId]')}`,
    { pairs, sourceId: plan.sourceId },
  );
}

const deletedReason = (id: string): string =>
  `${JSON.stringify(id)} was deleted; restoreEntity(id) lets documents write it again`;

/**
 * Which of the document's ids (its mentions' and what it refers to) were deleted (src/modules/edit/edit.repository.ts
 * leaves a tombstone under each), each read after its lock. The first read, before resolution, settled the ids
 * it locked that named themselves or nothing: a delete of such an id waits for its lock. Ids resolved by name,
 * and merged ids (whose entity is deleted under its own id's lock), are locked and read now, in one round trip
 * that a document whose ids all came from the first read does without.
 */
async function deadIds(tx: ManagedTransaction, plan: WritePlan, state: Resolving, known: KnownIds) {
  const rowIds = state.rows.flatMap((row) => (row.id === undefined ? [] : [row.id]));
  const ids = [...new Set([...rowIds, ...plan.externalRefs.map((r) => r.id)])];
  const settled = (id: string): boolean => known.locked.has(id) && (state.existing.get(id) ?? id) === id;
  const unlocked = rowIds.filter((id) => !known.locked.has(id)).map(idKey);
  const unsettled = ids.filter((id) => !settled(id));
  const late =
    unlocked.length + unsettled.length === 0
      ? new Set<string>()
      : (await lockThenRead(tx, unlocked, [], unsettled)).dead;
  return new Set(ids.filter((id) => (settled(id) ? known.dead.has(id) : late.has(id))));
}

/**
 * Once every mention has its id: takes the locks of the ids resolved by name too, then leaves out what names a
 * deleted id (a mention, and every relationship to or from it, each reported), refuses an edit of an entity that
 * is gone (NOT_FOUND) and a reference to an id the graph never had (BAD_USER_INPUT). Inside the write
 * transaction, after the locks: a delete racing this ingest is seen, never undone.
 */
async function settleIds(
  tx: ManagedTransaction,
  plan: WritePlan,
  state: Resolving,
  known: KnownIds,
): Promise<void> {
  const dead = await deadIds(tx, plan, state, known);
  for (const { field, id } of plan.mustExist ?? []) {
    const current = state.existing.get(id);
    if (current === undefined || dead.has(current))
      throw new AppError('NOT_FOUND', `${field}: no entity has id ${JSON.stringify(id)}`, { field });
  }
  const skipped = new Map<string, string>();
  for (const row of state.rows) {
    if (dead.has(row.id as string) || (row.parentKey !== undefined && skipped.has(row.parentKey))) {
      skipped.set(row.key, row.field);
      state.report.skipped.push({
        field: row.field,
        id: row.id as string,
        reason: deletedReason(row.id as string),
      });
    }
  }
  for (const { field, id } of plan.externalRefs) {
    if (dead.has(id)) {
      if (!skipped.has(id)) state.report.skipped.push({ field, id, reason: deletedReason(id) });
      if (!skipped.has(id)) skipped.set(id, field);
    } else if (!state.existing.has(id)) {
      throw new AppError(
        'BAD_USER_INPUT',
        `${field}: ${JSON.stringify(id)} is declared neither in this document nor in the graph`,
        { field },
      );
    }
  }
  if (skipped.size === 0) return;
  for (const group of plan.nodes) group.rows = group.rows.filter((row) => !skipped.has(row.key));
  for (const group of plan.relationships) {
    group.rows = group.rows.filter((row) => {
      const gone = [row.from, row.to].find((key) => skipped.has(key));
      if (gone === undefined) return true;
      const [from, to] = [row.from, row.to].map((key) => state.idOf(key) ?? key);
      state.report.skipped.push({
        field: skipped.get(gone) as string,
        id: state.idOf(gone) ?? gone,
        reason: `${group.type} from ${JSON.stringify(from)} to ${JSON.stringify(to)} left out: ${deletedReason(state.idOf(gone) ?? gone)}`,
      });
      return false;
    });
  }
  state.report.uncertain = state.report.uncertain.filter((mention) => !dead.has(mention.id));
  if (plan.publisherKey !== undefined && skipped.has(plan.publisherKey)) plan.publisherKey = undefined;
}

/** A hierarchy relationship the cycle check follows back, with the field that names where it leads. */
interface HierarchyEdge {
  type: RelationshipType;
  from: string;
  to: string;
  field: string;
}

/**
 * What keeps the hierarchies (PART_OF, LOCATED_IN ...) free of cycles when documents are written at once: the
 * hierarchy locks this document takes before writing its relationships, and the relationships the cycle check
 * then follows back through the graph.
 *
 * `created`: the entities this transaction created, new to the graph when their ids' locks were taken. Until it
 * commits no other write sees them, so none can add a relationship into one: a relationship that leaves such an
 * entity closes a cycle only through this document's own relationships into it. A document whose relationships
 * of a hierarchy all leave entities it created cannot close a cycle with another write, and so does without
 * that hierarchy's lock (a bulk ingest of new institutions does not queue behind every other); one with a
 * relationship from an entity already there takes it, so that of two such writes at once the second's check sees
 * the first's commit. The check follows back every relationship except those leaving a created entity that no
 * relationship of the document enters, which no cycle can pass.
 */
function hierarchyChecks(
  plan: WritePlan,
  state: Resolving,
  created: Set<string>,
): { hierarchies: string[]; locks: string[]; edges: HierarchyEdge[] } {
  const firstField = new Map<string, string>();
  for (const { field, key } of plan.references) if (!firstField.has(key)) firstField.set(key, field);
  const hierarchies: string[] = [];
  const locks: string[] = [];
  const edges: HierarchyEdge[] = [];
  for (const group of plan.relationships.filter((g) => ACYCLIC.includes(g.type) && g.rows.length > 0)) {
    hierarchies.push(`hierarchy|${group.type}`);
    const written = group.rows.map((row) => ({
      type: group.type,
      from: state.graphId(row.from),
      to: state.graphId(row.to),
      field: firstField.get(row.to) ?? 'document',
    }));
    const entered = new Set(written.map((edge) => edge.to));
    if (written.some((edge) => !created.has(edge.from))) locks.push(`hierarchy|${group.type}`);
    edges.push(...written.filter((edge) => !created.has(edge.from) || entered.has(edge.from)));
  }
  return { hierarchies, locks, edges };
}

/** The deepest hierarchy the in-transaction cycle check follows: far beyond any real one. */
const HIERARCHY_CHECK_DEPTH = 100;

/**
 * Refuses a hierarchy relationship this document wrote that closes a cycle through the graph, naming the first
 * such relationship the document states. link.rules.ts refuses the cycles within the document itself, with its
 * own names; this is the one walk of the graph's hierarchies, after the write under the hierarchy's lock, so it
 * also sees what another write committed meanwhile. One bounded query, none when no edge needs it.
 */
async function checkHierarchies(tx: ManagedTransaction, edges: HierarchyEdge[]): Promise<void> {
  if (edges.length === 0) return;
  const cycleThrough = (type: RelationshipType): string =>
    `WITH e WHERE e.type = '${checkedRelType(type)}'
     MATCH (a:Entity {id: e.from}), (b:Entity {id: e.to}) WHERE a <> b
     MATCH path = shortestPath((b)-[:${cypherRelType(type)}*1..${HIERARCHY_CHECK_DEPTH}]->(a))
     RETURN path`;
  const result = await tx.run(
    `UNWIND range(0, size($edges) - 1) AS i
     WITH i, $edges[i] AS e
     CALL (e) { ${ACYCLIC.map(cycleThrough).join(' UNION ')} }
     RETURN e.type AS type, e.field AS field, [e.from] + [n IN nodes(path) | n.id] AS ids
     ORDER BY i
     LIMIT 1`,
    { edges },
  );
  const record = result.records[0];
  if (record === undefined) return;
  const field = record.get('field') as string;
  throw new AppError(
    'BAD_USER_INPUT',
    `${field}: ${record.get('type') as string} would make a cycle: ${(record.get('ids') as string[]).join(' -> ')}`,
    { field },
  );
}

async function ingestInTransaction(
  tx: ManagedTransaction,
  plan: WritePlan,
  maxDepth: number,
  check?: (facts: GraphFacts) => void,
): Promise<IngestReport> {
  const report: IngestReport = {
    sourceId: plan.sourceId,
    created: 0,
    matched: 0,
    updated: 0,
    relationshipsCreated: 0,
    entities: [],
    uncertain: [],
    skipped: [],
  };
  const known = await lockAndReadIds(tx, plan);
  check?.(graphFactsOf(known.ids, known.labels));
  const state = await resolveAll(tx, plan, report, maxDepth, known);
  await settleIds(tx, plan, state, known);
  const written = await writeNodes(tx, plan, state);
  // New when its id's lock was taken, not merely without sources (see hierarchyChecks).
  const created = new Set([...written].filter((id) => known.locked.has(id) && !known.ids.has(id)));
  const hierarchies = hierarchyChecks(plan, state, created);
  await writeRelationships(tx, plan, state, hierarchies);
  await checkHierarchies(tx, hierarchies.edges);
  await writeCandidates(tx, plan, report);
  if (plan.publisherKey) {
    await tx.run(
      `MATCH (s:Source {id: $sourceId}), (p:Entity {id: $publisherId})
       MERGE (s)-[:${cypherRelType('PUBLISHED_BY')} {key: ''}]->(p)`,
      { sourceId: plan.sourceId, publisherId: state.graphId(plan.publisherKey) },
    );
  }
  return report;
}
