import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';

const PREFIX = 'test-edits:';
const SOURCE = {
  id: `${PREFIX}source`,
  publisher: 'test',
  title: 'edits test',
  url: 'https://example.org/edits',
};

describe('single edits and merges', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX);
    await api?.stop();
  });

  const createInstitution = (input: Record<string, unknown>) =>
    graphql<{ createInstitution: { outcome: string; entity: { id: string; name: string } } }>(
      api,
      `
        mutation ($input: CreateInstitutionInput!, $source: SourceInput!) {
          createInstitution(input: $input, source: $source) {
            outcome
            entity {
              id
              name
            }
          }
        }
      `,
      { input, source: SOURCE },
    );

  it('creates an institution once, with its source; creating it again finds it', async () => {
    const first = await createInstitution({
      id: `${PREFIX}academy`,
      kind: 'RESEARCH_INSTITUTE',
      name: 'Edit Test Academy',
      placeId: 'place:country-mn',
    });
    expect(first.data?.createInstitution).toEqual({
      outcome: 'CREATED',
      entity: { id: `${PREFIX}academy`, name: 'Edit Test Academy' },
    });
    const again = await createInstitution({ kind: 'RESEARCH_INSTITUTE', name: 'edit test academy' });
    expect(again.data?.createInstitution).toEqual({
      outcome: 'MATCHED',
      entity: { id: `${PREFIX}academy`, name: 'Edit Test Academy' },
    });
    const read = await data<{
      institution: { kind: string; country: { code: string }; sources: { url: string }[] };
    }>(api, `{ institution(id: "${PREFIX}academy") { kind country { code } sources { url } } }`);
    expect(read.institution).toEqual({
      kind: 'RESEARCH_INSTITUTE',
      country: { code: 'MN' },
      sources: [{ url: SOURCE.url }],
    });
  });

  it('renames, keeping the old name as an alias, and records positions', async () => {
    const renamed = await data<{
      updateInstitution: { outcome: string; entity: { name: string; aliases: string[] } };
    }>(
      api,
      `mutation ($source: SourceInput!) {
        updateInstitution(id: "${PREFIX}academy", input: { name: "Edit Test Academy of Sciences", acronym: "ETAS" }, source: $source) {
          outcome entity { name aliases }
        }
      }`,
      { source: SOURCE },
    );
    expect(renamed.updateInstitution).toEqual({
      outcome: 'UPDATED',
      entity: { name: 'Edit Test Academy of Sciences', aliases: ['Edit Test Academy'] },
    });

    const person = await data<{ createPerson: { entity: { id: string } } }>(
      api,
      `mutation ($source: SourceInput!) { createPerson(input: { id: "${PREFIX}ganbold", name: "Edit Ganbold" }, source: $source) { entity { id } } }`,
      { source: SOURCE },
    );
    const position = await data<{ recordPosition: { entity: { positions: unknown[] } } }>(
      api,
      `mutation ($source: SourceInput!) {
        recordPosition(input: { personId: "${person.createPerson.entity.id}", institutionId: "${PREFIX}academy", title: "President", since: "2021-03-01" }, source: $source) {
          entity { ... on Person { positions { title since institution { name } sources { id } } } }
        }
      }`,
      { source: SOURCE },
    );
    expect(position.recordPosition.entity.positions).toEqual([
      {
        title: 'President',
        since: '2021-03-01',
        institution: { name: 'Edit Test Academy of Sciences' },
        sources: [{ id: SOURCE.id }],
      },
    ]);
  });

  it('links and unlinks with whitelisted kinds, and refuses unknown ids without writing', async () => {
    const link = `mutation ($kind: LinkKind!, $to: ID!, $source: SourceInput!) { link(fromId: "${PREFIX}academy", kind: $kind, toId: $to, source: $source) { id } }`;
    await data(api, link, { kind: 'PART_OF', to: 'institution:mn-mecss', source: SOURCE });
    const parent = await data<{ institution: { parent: { id: string } } }>(
      api,
      `{ institution(id: "${PREFIX}academy") { parent { id } } }`,
    );
    expect(parent.institution.parent.id).toBe('institution:mn-mecss');

    const before = await graphSnapshot(api.database);
    const dangling = await graphql(api, link, { kind: 'PART_OF', to: 'institution:nowhere', source: SOURCE });
    expect(dangling.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'toId' });
    const badKind = await graphql(api, link, {
      kind: 'HOLDS_POSITION',
      to: 'institution:mn-mecss',
      source: SOURCE,
    });
    expect(badKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badPlace = await createInstitution({
      kind: 'ENTERPRISE',
      name: 'Nowhere Company',
      placeId: 'place:atlantis',
    });
    expect(badPlace.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.placeId',
    });
    expect(await graphSnapshot(api.database)).toEqual(before);

    const unlink = `mutation { unlink(fromId: "${PREFIX}academy", kind: PART_OF, toId: "institution:mn-mecss") }`;
    expect(await data(api, unlink)).toEqual({ unlink: 1 });
    expect((await graphql(api, unlink)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('merges two entities: relationships, aliases and sources move, and the old id resolves to the kept one', async () => {
    await data(api, `mutation ($document: JSONObject!) { ingestDocument(document: $document) { created } }`, {
      document: {
        source: { id: `${PREFIX}merge-source`, publisher: 'test', title: 'merge test' },
        institutions: [
          { id: `${PREFIX}keep`, kind: 'UNIVERSITY', name: 'Merge Test University' },
          { id: `${PREFIX}dup`, kind: 'UNIVERSITY', name: 'University of Merge Test', aliases: ['MTU'] },
        ],
        people: [
          {
            id: `${PREFIX}rector`,
            name: 'Merge Rector',
            positions: [{ institution: `${PREFIX}dup`, title: 'Rector' }],
          },
        ],
        events: [
          {
            id: `${PREFIX}event`,
            kind: 'MEETING',
            name: 'Merge test meeting',
            date: '2024-05-05',
            participants: [{ entity: `${PREFIX}dup`, role: 'HOST' }],
          },
        ],
      },
    });
    const merged = await data<{
      mergeEntities: {
        mergedId: string;
        relationshipsMoved: number;
        kept: { id: string; aliases: string[] };
      };
    }>(
      api,
      `mutation { mergeEntities(keepId: "${PREFIX}keep", mergeId: "${PREFIX}dup") { mergedId relationshipsMoved kept { id aliases } } }`,
    );
    expect(merged.mergeEntities).toEqual({
      mergedId: `${PREFIX}dup`,
      relationshipsMoved: 2,
      kept: { id: `${PREFIX}keep`, aliases: ['MTU', 'University of Merge Test'] },
    });
    const after = await data<{
      old: { id: string; name: string };
      kept: {
        people: { title: string; person: { id: string } }[];
        events: { role: string; event: { id: string } }[];
      };
    }>(
      api,
      `{
        old: node(id: "${PREFIX}dup") { id ... on Entity { name } }
        kept: institution(id: "${PREFIX}keep") { people { title person { id } } events { role event { id } } }
      }`,
    );
    expect(after).toEqual({
      old: { id: `${PREFIX}keep`, name: 'Merge Test University' },
      kept: {
        people: [{ title: 'Rector', person: { id: `${PREFIX}rector` } }],
        events: [{ role: 'HOST', event: { id: `${PREFIX}event` } }],
      },
    });
    const record = await api.database.read(async (tx) => {
      const result = await tx.run(
        'MATCH (x:MergedId {id: $id})-[:MERGED_INTO]->(k) RETURN x.keptId AS keptId, x.name AS name, k.id AS to',
        {
          id: `${PREFIX}dup`,
        },
      );
      return result.records.map((r) => r.toObject());
    });
    expect(record).toEqual([
      { keptId: `${PREFIX}keep`, name: 'University of Merge Test', to: `${PREFIX}keep` },
    ]);

    const reingest = await data<{ ingestDocument: { entities: { id: string; matchedBy: string }[] } }>(
      api,
      `mutation ($document: JSONObject!) { ingestDocument(document: $document) { entities { id matchedBy } } }`,
      {
        document: {
          source: { id: `${PREFIX}merge-source-2`, publisher: 'test', title: 'after merge' },
          institutions: [{ id: `${PREFIX}dup`, kind: 'UNIVERSITY', name: 'University of Merge Test' }],
        },
      },
    );
    expect(reingest.ingestDocument.entities).toEqual([{ id: `${PREFIX}keep`, matchedBy: 'merged id' }]);
  });

  it('follows a merged id in traversals and edits', async () => {
    const result = await data<{
      neighborhood: { nodes: { id: string }[] };
      timeline: { event: { id: string } }[];
    }>(
      api,
      `{ neighborhood(id: "${PREFIX}dup") { nodes { id } } timeline(id: "${PREFIX}dup") { event { id } } }`,
    );
    expect(result.neighborhood.nodes[0]?.id).toBe(`${PREFIX}keep`);
    expect(result.timeline.map((e) => e.event.id)).toEqual([`${PREFIX}event`]);
  });

  it('refuses an explicit id that names an entity of another kind, writing nothing', async () => {
    const before = await graphSnapshot(api.database);
    const response = await graphql(
      api,
      `mutation ($source: SourceInput!) { createPerson(input: { id: "${PREFIX}keep", name: "Not a university" }, source: $source) { outcome } }`,
      { source: SOURCE },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    expect(await graphSnapshot(api.database)).toEqual(before);
  });

  it('refuses merges that make no sense, changing nothing', async () => {
    const before = await graphSnapshot(api.database);
    const merge = (keep: string, drop: string) =>
      graphql(api, `mutation { mergeEntities(keepId: "${keep}", mergeId: "${drop}") { mergedId } }`);
    expect((await merge(`${PREFIX}keep`, `${PREFIX}keep`)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'mergeId',
    });
    expect((await merge(`${PREFIX}keep`, `${PREFIX}rector`)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'mergeId',
    });
    expect((await merge(`${PREFIX}keep`, 'no-such-id')).errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'mergeId',
    });
    expect(await graphSnapshot(api.database)).toEqual(before);
  });

  it('deletes an entity with its relationships', async () => {
    const deleted = await data<{ deleteEntity: { id: string; relationshipsRemoved: number } }>(
      api,
      `mutation { deleteEntity(id: "${PREFIX}rector") { id relationshipsRemoved } }`,
    );
    expect(deleted.deleteEntity).toEqual({ id: `${PREFIX}rector`, relationshipsRemoved: 1 });
    expect(await data(api, `{ node(id: "${PREFIX}rector") { id } }`)).toEqual({ node: null });
    const again = await graphql(api, `mutation { deleteEntity(id: "${PREFIX}rector") { id } }`);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});
