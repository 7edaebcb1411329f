import { cypherLabel } from '../src/db/identifier.whitelist';
import type { Database } from '../src/db/neo4j.database';
import type { IngestDocument } from '../src/ingest/document.types';
import type { Call, Target } from './bench.queries';

/** Institution kinds as the synthetic graph mixes them. */
const KINDS = ['ENTERPRISE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'SCIENCE_PARK', 'TRANSFER_CENTER'] as const;

/**
 * `batches` documents of `size` new institutions each, under ids that start with `prefix` (so a run can be
 * checked and removed): each is in a synthetic city, and every tenth is a unit of a synthetic institution.
 */
export function ingestDocuments(
  prefix: string,
  batches: number,
  size: number,
  cities: number,
  parents: number,
) {
  return Array.from({ length: batches }, (_, b): IngestDocument => ({
    source: {
      id: `${prefix}source-${b}`,
      publisher: 'institution-graph benchmark',
      title: `Benchmark batch ${b}`,
      date: '2026-01-01',
    },
    institutions: Array.from({ length: size }, (_, i) => ({
      id: `${prefix}institution-${b}-${i}`,
      kind: KINDS[i % KINDS.length] as (typeof KINDS)[number],
      name: `Benchmark Institute ${b}-${i}`,
      locatedIn: `synthetic:city-${(b * size + i) % cities}`,
      ...(i % 10 === 9 ? { partOf: `synthetic:institution-${(b * size + i) % parents}` } : {}),
    })),
  }));
}

/** Each target's request for one document: the same institutions, sources and links. */
export function ingestCall(target: Target, document: IngestDocument): Call {
  if (target === 'ours') {
    return {
      path: '/graphql',
      body: {
        query: 'mutation Ingest($document: JSONObject!) { ingestDocument(document: $document) { created } }',
        variables: { document },
      },
    };
  }
  if (target === 'limit') return { path: '/bulkIngest', body: { document } };
  const connect = (id: string) => ({ connect: [{ where: { node: { id: { eq: id } } } }] });
  return {
    path: '/graphql',
    body: {
      query: `mutation Ingest($sources: [SourceCreateInput!]!, $input: [InstitutionCreateInput!]!) {
        createSources(input: $sources) { info { nodesCreated } }
        createInstitutions(input: $input) { info { nodesCreated relationshipsCreated } } }`,
      variables: {
        sources: [document.source],
        input: (document.institutions ?? []).map((inst) => ({
          id: inst.id,
          name: inst.name,
          kind: inst.kind,
          sourceIds: [document.source.id],
          place: connect(inst.locatedIn as string),
          ...(inst.partOf ? { parent: connect(inst.partOf) } : {}),
        })),
      },
    },
  };
}

/** What a run wrote, with its prefix taken off: equal across targets when they wrote the same graph. */
export async function ingestSnapshot(db: Database, prefix: string): Promise<unknown> {
  return db.read(async (tx) => {
    const strip = (id: string) => id.replace(prefix, '');
    const nodes = await tx.run(
      `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
       RETURN n.id AS id, n.name AS name, n.kind AS kind, n:Institution AS institution, n.sourceIds AS sources`,
      { prefix },
    );
    const rels = await tx.run(
      `MATCH (n:Entity)-[r]->(m) WHERE n.id STARTS WITH $prefix RETURN type(r) AS type, n.id AS from, m.id AS to`,
      { prefix },
    );
    return {
      nodes: nodes.records
        .map((r) =>
          [
            strip(r.get('id') as string),
            r.get('name'),
            r.get('kind'),
            r.get('institution'),
            (r.get('sources') as string[]).map(strip),
          ].join('|'),
        )
        .sort(),
      relationships: rels.records
        .map((r) => `${r.get('type') as string}|${strip(r.get('from') as string)}|${r.get('to') as string}`)
        .sort(),
    };
  });
}

/**
 * Removes what a run wrote, a few thousand nodes per transaction: its entities and sources, then the lock nodes
 * ingest made for their ids (`id|` and the id). Left behind, those grew the tier by every run's ids.
 */
export async function removeIngested(db: Database, prefix: string): Promise<void> {
  const batches = [
    `MATCH (n) WHERE (n:Entity OR n:Source) AND n.id STARTS WITH $prefix
     WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS removed`,
    `MATCH (lock:${cypherLabel('ResolutionLock')}) WHERE lock.key STARTS WITH 'id|' + $prefix
     WITH lock LIMIT 5000 DELETE lock RETURN count(*) AS removed`,
  ];
  for (const batch of batches) {
    for (;;) {
      const removed = await db.write(async (tx) => {
        const result = await tx.run(batch, { prefix });
        return result.records[0]?.get('removed') as number;
      });
      if (removed === 0) break;
    }
  }
}
