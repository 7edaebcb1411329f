import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { SystemResolver } from '../modules/system/system.resolver';

export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [SystemResolver],
    validate: true,
  });
}

/** The SDL committed as schema/schema.graphql: sorted, so that it changes only when the schema does. */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
