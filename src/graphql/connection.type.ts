import { Field, Int, ObjectType } from 'type-graphql';
import { AppError } from '../common/app.errors';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field({ nullable: true })
  startCursor?: string;

  @Field({ nullable: true })
  endCursor?: string;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay cursor connection type for `nodeType`, named `<name>Connection` with `<name>Edge`. */
/** A class that type-graphql knows as a GraphQL type, abstract (an interface) or not. */
export type GraphQLClass = abstract new (...args: never[]) => unknown;

export function connectionType(name: string, nodeType: GraphQLClass): GraphQLClass {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: unknown;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} results, in the order asked for.` })
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The nodes of `edges`, for clients that need no cursors.' })
    nodes!: unknown[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many match the filter, over all pages.' })
    totalCount!: number;
  }
  return Connection;
}

const CURSOR_PREFIX = 'offset:';

export const encodeCursor = (offset: number): string =>
  Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');

/** The offset a cursor stands for; a cursor this API did not make is a BAD_USER_INPUT. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = Number(text.slice(CURSOR_PREFIX.length));
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(offset) || offset < 0) {
    throw new AppError('BAD_USER_INPUT', `"after" is not a cursor from this API: ${JSON.stringify(cursor)}`, {
      field: 'after',
    });
  }
  return offset;
}

/** Turns first/after into skip/limit, enforcing the configured page-size bound. */
export function pageWindow(
  first: number | undefined,
  after: string | undefined,
  maxPageSize: number,
  defaultPageSize: number,
) {
  const limit = first ?? defaultPageSize;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxPageSize) {
    throw new AppError('BAD_USER_INPUT', `"first" must be from 0 to ${maxPageSize}, got ${limit}`, {
      field: 'first',
      max: maxPageSize,
    });
  }
  return { skip: after === undefined ? 0 : decodeCursor(after) + 1, limit };
}

export function toPage<T>(items: T[], skip: number, totalCount: number): Page<T> {
  const edges = items.map((node, i) => ({ cursor: encodeCursor(skip + i), node }));
  return {
    edges,
    nodes: items,
    totalCount,
    pageInfo: {
      hasNextPage: skip + items.length < totalCount,
      hasPreviousPage: skip > 0,
      startCursor: edges[0]?.cursor,
      endCursor: edges[edges.length - 1]?.cursor,
    },
  };
}
