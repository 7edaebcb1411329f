import type { Database } from '../../src/db/neo4j.database';
import { planDocument } from '../../src/ingest/document.plan';
import { DocumentRepository } from '../../src/ingest/document.repository';
import { checkDocument } from '../../src/ingest/ingest.service';
import { EntityListRepository } from '../../src/modules/entity/entity-list.repository';
import { EntityRepository } from '../../src/modules/entity/entity.repository';
import { EntityKind } from '../../src/modules/entity/entity.type';
import { SummaryRepository } from '../../src/traversal/summary.repository';
import { NeighbourOrder } from '../../src/traversal/summary.type';
import { TraversalRepository } from '../../src/traversal/traversal.repository';
import { RelationshipKind } from '../../src/traversal/traversal.type';
import { removeByPrefix } from '../helpers/graph.snapshot';
import { connect, maxTraversalDepth } from '../helpers/neo4j.test-db';
import { profiledWrites, wrappedReads } from '../helpers/wrapped-reads';

interface Plan {
  operatorType: string;
  children: Plan[];
}

const operators = (plan: Plan): string[] => [
  plan.operatorType.split('@')[0] as string,
  ...plan.children.flatMap(operators),
];

/** A Database whose reads EXPLAIN each query instead of running it, collecting the operators Neo4j plans. */
function explaining(db: Database): { db: Database; plans: string[][] } {
  const plans: string[][] = [];
  return {
    db: wrappedReads(db, 'EXPLAIN', (summary) => plans.push(operators(summary.plan as unknown as Plan))),
    plans,
  };
}

describe('the indexes the read queries rely on', () => {
  const db = connect();

  afterAll(async () => {
    await db.close();
  });

  it('finds entities by id through the unique index, also for nested fields', async () => {
    const probe = explaining(db);
    await new EntityRepository(probe.db).findByIds(['person:batulzii']);
    await new EntityRepository(probe.db).read('positionsOfPerson', ['person:batulzii'], 20, {});
    for (const plan of probe.plans) expect(plan).toContain('NodeUniqueIndexSeek');
  });

  it('resolves merged ids through their own unique index, never a scan of every merge', async () => {
    const probe = explaining(db);
    await new EntityRepository(probe.db).findByIds(['person:batulzii']);
    const [plan] = probe.plans;
    // Entity, merged id and source: one index seek each.
    expect(plan?.filter((op) => op === 'NodeUniqueIndexSeek')).toHaveLength(3);
    expect(plan?.some((op) => op.includes('Scan'))).toBe(false);
  });

  it('filters lists by country through the country-code index and by date through the event-date index', async () => {
    const probe = explaining(db);
    const base = { sortBy: 'name' as const, descending: false, skip: 0, limit: 10, countryDepth: 6 };
    await new EntityListRepository(probe.db).list({ ...base, base: 'Institution', countryCode: 'MN' });
    await new EntityListRepository(probe.db).list({
      ...base,
      base: 'Event',
      sortBy: 'date',
      from: '2019-01-01',
      to: '2019-12-31',
    });
    expect(probe.plans[0]).toContain('NodeIndexSeek');
    expect(probe.plans[1]?.some((op) => op.startsWith('NodeIndexSeekByRange'))).toBe(true);
  });

  it('starts traversals from the unique index', async () => {
    const probe = explaining(db);
    await new TraversalRepository(probe.db).shortestPaths(
      'person:batulzii',
      'person:li-guofeng',
      4,
      ['PARTICIPATED_IN'] as never,
      1,
    );
    expect(probe.plans[0]).toContain('NodeUniqueIndexSeek');
  });

  it('summarises a neighbourhood from the unique index, expanding the hub alone: degrees come from the degree store', async () => {
    const probe = explaining(db);
    const filter = { from: null, to: null, order: NeighbourOrder.RELEVANCE, roleRanks: {} };
    const repository = new SummaryRepository(probe.db);
    const types = Object.values(RelationshipKind);
    await repository.summary({ id: 'person:batulzii', types, filter, threshold: 40, perGroup: 5 });
    await repository.page({
      ...{ id: 'person:batulzii', kind: EntityKind.EVENT, relationship: RelationshipKind.PARTICIPATED_IN },
      ...{ direction: null, filter, skip: 0, limit: 20 },
    });
    for (const plan of probe.plans) {
      expect(plan).toContain('NodeUniqueIndexSeek');
      // One expand follows a merged id to its entity, the other the hub's relationships; none a neighbour's.
      expect(plan.filter((op) => op.startsWith('Expand'))).toHaveLength(2);
    }
  });

  it('ingests through the unique indexes: locks, ids, tombstones, candidates, writes and the cycle check, never a node scan', async () => {
    const plans: { query: string; operators: string[] }[] = [];
    const probe = profiledWrites(db, (summary, query) =>
      plans.push({ query, operators: operators(summary.profile as unknown as Plan) }),
    );
    // A region and an institution under ids, a new one named without an id (resolved by name) under it, a person placed at it.
    const document = planDocument(
      checkDocument(
        {
          source: { id: 'test-plans:source', publisher: 'test', title: 'query plans' },
          places: [{ id: 'test-plans:region', kind: 'REGION', name: 'Query Plans Probe Region' }],
          institutions: [
            { id: 'test-plans:ministry', kind: 'MINISTRY', name: 'Query Plans Probe Ministry' },
            {
              ref: 'office',
              kind: 'GOVERNMENT_DEPARTMENT',
              name: 'Query Plans Probe Office',
              partOf: 'test-plans:ministry',
              locatedIn: 'test-plans:region',
            },
          ],
          people: [
            { ref: 'p', name: 'Query Plans Probe', positions: [{ institution: 'office', title: 'Head' }] },
          ],
        },
        1_000_000,
      ),
    );
    try {
      // Twice: the second finds everything there, so that its hierarchy relationships are checked for cycles.
      for (let i = 0; i < 2; i += 1)
        await new DocumentRepository(probe, maxTraversalDepth()).ingest(structuredClone(document));
    } finally {
      for (const prefix of ['test-plans:', 'institution:query-plans-probe', 'person:query-plans-probe'])
        await removeByPrefix(db, prefix);
    }
    const statement = (text: string) => plans.filter((p) => p.query.includes(text));
    for (const text of [
      'ResolutionLock',
      'entity_search',
      'MERGE (n:Entity',
      'MATCH (a:Entity',
      'shortestPath',
    ])
      expect(statement(text).length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan.operators.some((op) => op.startsWith('NodeUniqueIndexSeek'))).toBe(true);
      // Nodes only: on this small graph the relationship MERGE's look-up of an existing relationship between its
      // two ends (both found by index) is planned as a scan of every relationship; on a tier, as an expand.
      const scans = plan.operators.filter((op) => op.includes('Scan') && !op.includes('Relationship'));
      expect({ query: plan.query, scans }).toEqual({ query: plan.query, scans: [] });
    }
  });
});
