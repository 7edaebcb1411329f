import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSeed } from '../../src/ingest/seed.loader';
import { EditRepository } from '../../src/modules/edit/edit.repository';
import type { RunningApi } from '../../src/server/api.server';
import { data, graphql, startTestApi } from '../helpers/api.harness';
import { graphSnapshot, removeByPrefix } from '../helpers/graph.snapshot';
import { maxTraversalDepth } from '../helpers/neo4j.test-db';

const PREFIX = 'test-tombstones:';
const id = (name: string): string => `${PREFIX}${name}`;
const source = (name: string) => ({
  id: id(`source-${name}`),
  publisher: 'test',
  title: `tombstones ${name}`,
});

const INGEST = `mutation ($document: JSONObject!) {
  ingestDocument(document: $document) {
    created relationshipsCreated
    entities { field id outcome }
    skipped { field id reason }
  }
}`;
const DELETE = `mutation ($id: ID!) { deleteEntity(id: $id) { id relationshipsRemoved } }`;
const RESTORE = `mutation ($id: ID!) { restoreEntity(id: $id) }`;
const NODE = `query ($id: ID!) { node(id: $id) { id } }`;

interface Report {
  created: number;
  relationshipsCreated: number;
  entities: { field: string; id: string; outcome: string }[];
  skipped: { field: string; id: string; reason: string }[];
}

/**
 * A park (named only, so its id is generated from its name), a person placed at it, and a meeting they attended
 * with the park as its site: what a news item says.
 */
const document = (name: string) => ({
  source: source(name),
  institutions: [{ ref: 'park', kind: 'SCIENCE_PARK', name: `Tombstone ${name} Science Park` }],
  people: [
    {
      id: id(`${name}-director`),
      name: `Tombstone ${name} Director`,
      positions: [{ institution: 'park', title: 'Director' }],
    },
  ],
  events: [
    {
      ref: 'meeting',
      kind: 'MEETING',
      name: `Tombstone ${name} meeting`,
      date: '2025-03-01',
      sites: ['park'],
      participants: [{ entity: id(`${name}-director`), role: 'HOST' }],
    },
  ],
});

describe('deletes stick', () => {
  let api: RunningApi;
  const ingest = async (doc: unknown): Promise<Report> =>
    (await data<{ ingestDocument: Report }>(api, INGEST, { document: doc })).ingestDocument;
  const exists = async (entityId: string): Promise<boolean> =>
    (await data<{ node: { id: string } | null }>(api, NODE, { id: entityId })).node !== null;
  const idOf = (report: Report, field: string): string =>
    report.entities.find((e) => e.field === field)?.id as string;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    if (api) await removeByPrefix(api.database, PREFIX);
    await api?.stop();
  });

  it('a re-ingest of the source document recreates nothing it deleted: the mention and its links are skipped and reported', async () => {
    const first = await ingest(document('reingest'));
    const park = idOf(first, 'institutions[0]');
    expect(park).toBe('institution:tombstone-reingest-science-park');
    await data(api, DELETE, { id: park });

    const before = await graphSnapshot(api.database);
    const again = await ingest(document('reingest'));
    expect(await graphSnapshot(api.database)).toEqual(before);
    expect(await exists(park)).toBe(false);
    expect(again.created).toBe(0);
    expect(again.relationshipsCreated).toBe(0);
    expect(again.entities.map((e) => e.field)).not.toContain('institutions[0]');
    expect(again.skipped.map(({ field, id: skippedId }) => [field, skippedId])).toEqual([
      ['institutions[0]', park],
      ['institutions[0]', park],
      ['institutions[0]', park],
    ]);
    expect(again.skipped[0]?.reason).toMatch(/was deleted; restoreEntity/);
    expect(
      again.skipped
        .slice(1)
        .map((s) => s.reason.split(' ')[0])
        .sort(),
    ).toEqual(['AT_SITE', 'HOLDS_POSITION']);
  });

  it('a document naming a deleted id (an event, a participant) writes the rest and reports what it left out', async () => {
    const first = await ingest(document('byid'));
    const meeting = idOf(first, 'events[0]');
    await data(api, DELETE, { id: id('byid-director') });
    await data(api, DELETE, { id: meeting });

    const later = await ingest({
      source: source('byid-later'),
      events: [
        {
          ref: 'meeting',
          kind: 'MEETING',
          name: 'Tombstone byid meeting',
          date: '2025-03-01',
          participants: [{ entity: id('byid-director'), role: 'ATTENDEE' }],
        },
        {
          ref: 'dinner',
          kind: 'MEETING',
          name: 'Tombstone byid dinner',
          date: '2025-03-02',
          participants: [{ entity: id('byid-director'), role: 'HOST' }],
        },
      ],
    });
    expect(await exists(meeting)).toBe(false);
    expect(await exists(id('byid-director'))).toBe(false);
    expect(later.entities.map((e) => [e.field, e.outcome])).toEqual([['events[1]', 'CREATED']]);
    expect(later.skipped.map((s) => [s.field, s.id])).toEqual([
      ['events[0]', meeting],
      ['events[0].participants[0].entity', id('byid-director')],
      ['events[0].participants[0].entity', id('byid-director')],
      ['events[0].participants[0].entity', id('byid-director')],
    ]);
    expect(later.skipped[3]?.reason).toMatch(
      /^PARTICIPATED_IN from "test-tombstones:byid-director" to "event:2025-03-02-/,
    );
  });

  it('SEED=always (loading the same documents at every start) does not bring a deleted entity back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tombstone-seed-'));
    try {
      fs.writeFileSync(path.join(dir, 'one.json'), JSON.stringify(document('seed')));
      await loadSeed(api.database, maxTraversalDepth(), () => undefined, dir);
      await data(api, DELETE, { id: id('seed-director') });
      const before = await graphSnapshot(api.database);
      await loadSeed(api.database, maxTraversalDepth(), () => undefined, dir);
      expect(await graphSnapshot(api.database)).toEqual(before);
      expect(await exists(id('seed-director'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an update racing a delete answers NOT_FOUND and does not recreate the entity', async () => {
    const created = await ingest({
      source: source('race'),
      institutions: [{ id: id('race-park'), kind: 'SCIENCE_PARK', name: 'Tombstone Race Park' }],
    });
    expect(created.created).toBe(1);
    // The delete lands between the update's own look-up of the park and its write.
    // (The spy's own call below is its second, which runs the real look-up.)
    const spy = jest
      .spyOn(EditRepository.prototype, 'head')
      .mockImplementationOnce(async (headId: string) => {
        const head = await new EditRepository(api.database).head(headId);
        await data(api, DELETE, { id: headId });
        return head;
      });
    try {
      const response = await graphql<{ updateInstitution: unknown }>(
        api,
        `
          mutation ($id: ID!, $source: SourceInput!) {
            updateInstitution(id: $id, input: { description: "renovated" }, source: $source) {
              outcome
            }
          }
        `,
        { id: id('race-park'), source: source('race-update') },
      );
      expect(spy).toHaveBeenCalled();
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      expect(await exists(id('race-park'))).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  it('an update, position or link of a deleted id answers NOT_FOUND and writes nothing', async () => {
    await ingest({
      source: source('edit'),
      institutions: [{ id: id('edit-park'), kind: 'SCIENCE_PARK', name: 'Tombstone Edit Park' }],
      people: [{ id: id('edit-person'), name: 'Tombstone Edit Person' }],
    });
    await data(api, DELETE, { id: id('edit-park') });
    const before = await graphSnapshot(api.database);
    const update = await graphql(
      api,
      `
        mutation ($id: ID!, $source: SourceInput!) {
          updateInstitution(id: $id, input: { description: "back" }, source: $source) {
            outcome
          }
        }
      `,
      { id: id('edit-park'), source: source('edit') },
    );
    const position = await graphql(
      api,
      `
        mutation ($input: PositionInput!, $source: SourceInput!) {
          recordPosition(input: $input, source: $source) {
            outcome
          }
        }
      `,
      {
        input: { personId: id('edit-person'), institutionId: id('edit-park'), title: 'Director' },
        source: source('edit'),
      },
    );
    const link = await graphql(
      api,
      `mutation ($source: SourceInput!) {
        link(fromId: "${id('edit-park')}", kind: MANAGES, toId: "institution:ningxia-st-department", source: $source) { id }
      }`,
      { source: source('edit') },
    );
    expect(await graphSnapshot(api.database)).toEqual(before);
    expect([update, position, link].map((r) => r.errors?.[0]?.extensions?.code)).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
  });

  it('restoreEntity forgets the deletion: the next ingest writes the entity again; an id never deleted is NOT_FOUND', async () => {
    await ingest(document('restore'));
    await data(api, DELETE, { id: id('restore-director') });
    expect((await ingest(document('restore'))).skipped.length).toBeGreaterThan(0);

    const before = await graphSnapshot(api.database);
    const unknown = await graphql(api, RESTORE, { id: id('never-deleted') });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await graphSnapshot(api.database)).toEqual(before);

    expect(await data(api, RESTORE, { id: id('restore-director') })).toEqual({
      restoreEntity: id('restore-director'),
    });
    const again = await ingest(document('restore'));
    expect(again.skipped).toEqual([]);
    expect(again.entities.find((e) => e.field === 'people[0]')).toMatchObject({
      id: id('restore-director'),
      outcome: 'CREATED',
    });
    expect(await exists(id('restore-director'))).toBe(true);
  });

  it('a delete of an unknown id answers NOT_FOUND and writes nothing (not even a tombstone)', async () => {
    const before = await graphSnapshot(api.database);
    const response = await graphql(api, DELETE, { id: id('nothing') });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await graphSnapshot(api.database)).toEqual(before);
  });
});
