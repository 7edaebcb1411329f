import type { Database } from '../../src/db/neo4j.database';
import { EntityListRepository } from '../../src/modules/entity/entity-list.repository';
import { EntityRepository } from '../../src/modules/entity/entity.repository';
import { EntityKind } from '../../src/modules/entity/entity.type';
import { SummaryRepository } from '../../src/traversal/summary.repository';
import { NeighbourOrder } from '../../src/traversal/summary.type';
import { TraversalRepository } from '../../src/traversal/traversal.repository';
import { RelationshipKind } from '../../src/traversal/traversal.type';
import { connect } from '../helpers/neo4j.test-db';
import { wrappedReads } from '../helpers/wrapped-reads';

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
});
