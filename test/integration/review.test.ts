import type { RunningApi } from '../../src/server/api.server';
import { candidatePairId } from '../../src/modules/review/candidate.id';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-review:';
const id = (name: string) => `${PREFIX}${name}`;

/**
 * Two universities that are one, each with what a merge used to lose: the merged one's acronym, description,
 * code and other-language names; a relationship both have to one parent, with other dates and titles; a link
 * between the two; a redirect from an earlier merge; dates, integers and floats whose types must survive.
 */
const GRAPH = `
  CREATE (parent:Entity:Institution:Ministry {id: $p + 'ministry', name: 'Review Test Ministry', kind: 'MINISTRY',
          aliases: [], searchText: '', sourceIds: [$p + 'source']})
  CREATE (keep:Entity:Institution:University {id: $p + 'keep', name: 'Review Test University', kind: 'UNIVERSITY',
          aliases: ['RTU old'], searchText: ' | RTU old', sourceIds: [$p + 'source'], nameLangs: ['zh'], nameValues: ['评审大学']})
  CREATE (dup:Entity:Institution:University {id: $p + 'dup', name: 'University of Review Test', kind: 'UNIVERSITY',
          acronym: 'URT', description: 'A university under review.', code: 'RT-1', order: 3, weight: 0.5,
          founded: date('1950-09-01'), aliases: ['Review U'], searchText: 'URT | Review U',
          sourceIds: [$p + 'source-2'], nameLangs: ['zh', 'mn'], nameValues: ['评审测试大学', 'Шалгалтын их сургууль']})
  CREATE (person:Entity:Person {id: $p + 'rector', name: 'Review Rector', aliases: [], searchText: '', sourceIds: [$p + 'source']})
  CREATE (event:Entity:Event:Meeting {id: $p + 'meeting', name: 'Review meeting', kind: 'MEETING', date: date('2024-05-05'),
          aliases: [], searchText: '', sourceIds: [$p + 'source']})
  CREATE (keep)-[:PART_OF {key: '', since: date('2001-01-01'), title: 'kept', sourceIds: [$p + 'source']}]->(parent)
  CREATE (dup)-[:PART_OF {key: '', since: date('1999-01-01'), until: date('2020-01-01'), title: 'merged',
          order: 2, sourceIds: [$p + 'source-2']}]->(parent)
  CREATE (person)-[:HOLDS_POSITION {key: 'Rector', title: 'Rector', since: date('2019-03-01'), sourceIds: [$p + 'source-2']}]->(dup)
  CREATE (dup)-[:PARTICIPATED_IN {role: 'HOST', sourceIds: [$p + 'source-2']}]->(event)
  CREATE (dup)-[:MANAGES {key: '', sourceIds: [$p + 'source-2']}]->(keep)
  CREATE (old:MergedId {id: $p + 'older', name: 'Older Review University', keptId: $p + 'dup'})-[:MERGED_INTO]->(dup)`;

describe('merges that can be undone, and the review of candidate pairs', () => {
  let api: RunningApi;

  const write = (query: string, params: Record<string, unknown> = {}) =>
    api.database.write((tx) => tx.run(query, { p: PREFIX, ...params }));
  const candidate = (a: string, b: string, score: number, category = 'Institution') =>
    write(
      `CREATE (:ResolutionCandidate {id: $id, a: $a, b: $b, category: $category, score: $score,
               reasons: ['similar names'], status: 'OPEN', sourceIds: [$p + 'source'], createdAt: datetime()})`,
      {
        id: candidatePairId(id(a), id(b)),
        a: [id(a), id(b)].sort()[0],
        b: [id(a), id(b)].sort()[1],
        category,
        score,
      },
    );
  const reset = async () => {
    await removeByPrefix(api.database, PREFIX);
    await write(`MATCH (c:ResolutionCandidate) WHERE c.id STARTS WITH 'candidate:' + $p DETACH DELETE c`);
    await write(GRAPH);
  };

  beforeAll(async () => {
    api = await startTestApi();
  });

  beforeEach(reset);

  afterAll(async () => {
    if (api) {
      await removeByPrefix(api.database, PREFIX);
      await write(`MATCH (c:ResolutionCandidate) WHERE c.id STARTS WITH 'candidate:' + $p DETACH DELETE c`);
    }
    await api?.stop();
  });

  const merge = () =>
    data(api, `mutation ($k: ID!, $m: ID!) { mergeEntities(keepId: $k, mergeId: $m) { mergedId } }`, {
      k: id('keep'),
      m: id('dup'),
    });
  const unmerge = (mergedId = id('dup')) =>
    graphql<{ unmerge: { restored: { id: string; name: string }; kept: { id: string; aliases: string[] } } }>(
      api,
      `
        mutation ($id: ID!) {
          unmerge(mergedId: $id) {
            restored {
              id
              name
            }
            kept {
              id
              aliases
            }
          }
        }
      `,
      { id: mergedId },
    );

  it('merges keeping the kept values, filling gaps and combining names, in a few statements', async () => {
    await merge();
    const kept = await api.database.read(async (tx) => {
      const result = await tx.run(
        `MATCH (k:Entity {id: $p + 'keep'})-[r:PART_OF]->(:Entity {id: $p + 'ministry'})
         RETURN properties(k) AS k, collect(properties(r)) AS partOf,
                COUNT { (:Entity {id: $p + 'rector'})-[:HOLDS_POSITION]->(k) } AS positions,
                COUNT { (:MergedId {id: $p + 'older'})-[:MERGED_INTO]->(k) } AS redirects`,
        { p: PREFIX },
      );
      return result.records[0]?.toObject() as {
        k: Record<string, unknown>;
        partOf: Record<string, unknown>[];
        positions: number;
        redirects: number;
      };
    });
    expect(kept.k).toMatchObject({
      name: 'Review Test University',
      acronym: 'URT',
      description: 'A university under review.',
      code: 'RT-1',
      nameLangs: ['zh', 'mn'],
      nameValues: ['评审大学', 'Шалгалтын их сургууль'],
      aliases: ['RTU old', 'Review U', '评审测试大学', 'University of Review Test'],
      sourceIds: [id('source'), id('source-2')],
    });
    // The kept relationship keeps its since and title, fills its gaps (until, order) and joins the sources.
    expect(kept.partOf).toHaveLength(1);
    expect(kept.partOf[0]).toMatchObject({ title: 'kept', order: 2 });
    expect(String(kept.partOf[0]?.since)).toBe('2001-01-01');
    expect(String(kept.partOf[0]?.until)).toBe('2020-01-01');
    expect(kept.partOf[0]?.sourceIds).toEqual([id('source'), id('source-2')]);
    expect(kept).toMatchObject({ positions: 1, redirects: 1 });
  });

  it('unmerge restores the whole graph exactly, and the record goes with it', async () => {
    const before = await graphSnapshot(api.database);
    await merge();
    expect(await graphSnapshot(api.database)).not.toEqual(before);
    const undone = await unmerge();
    expect(undone.errors).toBeUndefined();
    expect(undone.data?.unmerge).toEqual({
      restored: { id: id('dup'), name: 'University of Review Test' },
      kept: { id: id('keep'), aliases: ['RTU old'] },
    });
    expect(await graphSnapshot(api.database)).toEqual(before);
  });

  it('refuses to unmerge what changed since, saying what, and writes nothing', async () => {
    await merge();
    // The merge filled the kept relationship's until; an edit since then is not the merge's to undo.
    await write(`MATCH (:Entity {id: $p + 'keep'})-[r:PART_OF]->() SET r.until = date('2030-01-01')`);
    let before = await graphSnapshot(api.database);
    let refused = await unmerge();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'mergedId' });
    expect(refused.errors?.[0]?.message).toContain(
      `the PART_OF relationship to "${id('ministry')}" of "${id('keep')}" changed since the merge`,
    );
    expect(await graphSnapshot(api.database)).toEqual(before);

    await write(
      `CREATE (:Entity:Institution:University {id: $p + 'other', name: 'Review Other', kind: 'UNIVERSITY',
               aliases: [], searchText: '', sourceIds: []})`,
    );
    await data(api, `mutation ($k: ID!, $m: ID!) { mergeEntities(keepId: $k, mergeId: $m) { mergedId } }`, {
      k: id('other'),
      m: id('keep'),
    });
    before = await graphSnapshot(api.database);
    refused = await unmerge();
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toContain(
      `the kept entity "${id('keep')}" was itself merged into "${id('other')}" since; unmerge it first`,
    );
    expect(await graphSnapshot(api.database)).toEqual(before);
    expect((await unmerge(id('nothing'))).errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'mergedId',
    });
  });

  interface Pair {
    id: string;
    score: number;
    status: string;
    reasons: string[];
    a: { id: string; name: string };
    b: { id: string; name: string };
    sources: { id: string }[];
  }
  const PAIR_FIELDS = 'id score status reasons a { id name } b { id name } sources { id }';
  const list = async (status = 'OPEN') =>
    (
      await data<{ resolutionCandidates: { nodes: Pair[] } }>(
        api,
        `query ($status: CandidateStatus!) {
          resolutionCandidates(first: 100, categories: [INSTITUTION], status: $status) { nodes { ${PAIR_FIELDS} } }
        }`,
        { status },
      )
    ).resolutionCandidates.nodes.filter((pair) => pair.id.startsWith(`candidate:${PREFIX}`));

  it('lists open pairs by score, confirms one by merging it, rejects another, and remembers both', async () => {
    await write(
      `CREATE (:Entity:Institution:University {id: $p + 'third', name: 'Third Review University', kind: 'UNIVERSITY',
               aliases: [], searchText: '', sourceIds: [$p + 'source']})`,
    );
    await candidate('keep', 'dup', 0.8);
    await candidate('keep', 'third', 0.6);
    await candidate('rector', 'keep', 0.9, 'Person');
    expect(await list()).toEqual([
      {
        id: candidatePairId(id('keep'), id('dup')),
        score: 0.8,
        status: 'OPEN',
        reasons: ['similar names'],
        a: { id: id('dup'), name: 'University of Review Test' },
        b: { id: id('keep'), name: 'Review Test University' },
        sources: [],
      },
      expect.objectContaining({ id: candidatePairId(id('keep'), id('third')), score: 0.6 }),
    ]);

    const beforeConfirm = await graphSnapshot(api.database);
    const pairId = candidatePairId(id('keep'), id('dup'));
    const confirm = (keepId: string, pair = pairId) =>
      graphql<{ confirmMatch: Pair }>(
        api,
        `mutation ($id: ID!, $keepId: ID!) { confirmMatch(id: $id, keepId: $keepId) { ${PAIR_FIELDS} } }`,
        { id: pair, keepId },
      );
    expect((await confirm(id('third'))).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'keepId',
    });
    expect((await confirm(id('keep'), 'candidate:nothing')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await graphSnapshot(api.database)).toEqual(beforeConfirm);

    const confirmed = await confirm(id('keep'));
    expect(confirmed.data?.confirmMatch).toMatchObject({
      status: 'CONFIRMED',
      a: { id: id('keep') },
      b: { id: id('keep') },
    });
    const afterConfirm = await graphSnapshot(api.database);
    expect((await confirm(id('keep'))).errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const reject = (pair: string) =>
      graphql<{ rejectMatch: Pair }>(api, `mutation ($id: ID!) { rejectMatch(id: $id) { ${PAIR_FIELDS} } }`, {
        id: pair,
      });
    const third = candidatePairId(id('keep'), id('third'));
    expect((await reject(third)).data?.rejectMatch.status).toBe('REJECTED');
    const afterReject = await graphSnapshot(api.database);
    expect((await reject(third)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await reject('candidate:nothing')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await graphSnapshot(api.database)).toEqual(afterReject);
    expect(afterReject).not.toEqual(afterConfirm);

    expect(await list()).toEqual([]);
    expect((await list('CONFIRMED')).map((pair) => pair.id)).toEqual([pairId]);
    expect((await list('REJECTED')).map((pair) => pair.id)).toEqual([third]);

    // Undoing the confirmed merge opens the pair again, as it was before.
    await write(`MATCH (c:ResolutionCandidate {id: $id}) SET c.status = 'OPEN' REMOVE c.decidedAt`, {
      id: third,
    });
    expect((await unmerge()).errors).toBeUndefined();
    expect(await graphSnapshot(api.database)).toEqual(beforeConfirm);
  });
});
