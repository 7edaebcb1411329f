import neo4j from 'neo4j-driver';
import {
  lacksProperties,
  mergeInto,
  partialNode,
  plainPropertiesFrom,
  toGraphNode,
} from '../../src/db/graph.record';

const date = (y: number, m: number, d: number) => new neo4j.types.Date(y, m, d);

describe('nodes as the GraphQL layer sees them', () => {
  it('types a node by its kind label, fills a missing kind from it, and makes temporal values ISO strings', () => {
    const aliases = ['MOST'];
    expect(
      toGraphNode(['Entity', 'Institution', 'Ministry'], {
        id: 'institution:most',
        name: 'Ministry',
        founded: date(1958, 9, 1),
        renamed: [date(1998, 3, 10), date(2018, 3, 17)],
        aliases,
      }),
    ).toEqual({
      __typename: 'Ministry',
      labels: ['Entity', 'Institution', 'Ministry'],
      id: 'institution:most',
      name: 'Ministry',
      kind: 'MINISTRY',
      founded: '1958-09-01',
      renamed: ['1998-03-10', '2018-03-17'],
      aliases: ['MOST'],
    });
  });

  it('keeps a kind the node has, and types a place without a kind label by its kind, else as a city', () => {
    expect(toGraphNode(['Entity', 'Place'], { id: 'place:r', kind: 'REGION' })).toMatchObject({
      __typename: 'Region',
      kind: 'REGION',
    });
    expect(toGraphNode(['Entity', 'Place'], { id: 'place:c', kind: 'COUNTRY' })).toMatchObject({
      __typename: 'City',
      kind: 'COUNTRY',
    });
    expect(toGraphNode(['Entity', 'Place'], { id: 'place:x' })).toMatchObject({
      __typename: 'City',
      kind: 'CITY',
    });
    expect(toGraphNode(['Source', 'Person'], { id: 'person:p' }).__typename).toBe('Person');
    expect(() => toGraphNode(['Entity'], { id: 'x' })).toThrow('node x has no known type (Entity)');
  });

  it('reads a key that is null as absent but known, and a key not read as unknown', () => {
    const keys = Object.freeze(['id', 'name', 'since']);
    const node = partialNode(['Entity', 'Person'], keys, ['person:a', 'A', null]);
    expect(node).toEqual({ __typename: 'Person', labels: ['Entity', 'Person'], id: 'person:a', name: 'A' });
    expect(lacksProperties(node, ['name', 'since'])).toBe(false);
    expect(lacksProperties(node, ['aliases'])).toBe(true);
    expect(lacksProperties(toGraphNode(['Person'], { id: 'person:a' }), ['aliases'])).toBe(false);
    expect(plainPropertiesFrom(['title', 'since', 'until'], ['Director', date(2019, 1, 2), null])).toEqual({
      title: 'Director',
      since: '2019-01-02',
    });
  });

  it('merges what another read of a node read into the same object, and a whole read makes it whole', () => {
    const keys = Object.freeze(['id', 'name']);
    const node = partialNode(['Entity', 'Person'], keys, ['person:a', 'A']);
    mergeInto(node, partialNode(['Entity', 'Person'], ['id', 'aliases'], ['person:a', ['Ay']]));
    expect(node).toMatchObject({ name: 'A', aliases: ['Ay'] });
    expect(lacksProperties(node, ['name', 'aliases'])).toBe(false);
    expect(lacksProperties(node, ['born'])).toBe(true);
    expect(keys).toEqual(['id', 'name']);
    mergeInto(node, toGraphNode(['Entity', 'Person'], { id: 'person:a', name: 'A', born: date(1960, 1, 1) }));
    expect(node.born).toBe('1960-01-01');
    expect(lacksProperties(node, ['anything'])).toBe(false);
  });
});
