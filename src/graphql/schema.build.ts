import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../auth/auth.checker';
import {
  AgreementResolver,
  CommitmentResolver,
  FrameworkResolver,
} from '../modules/agreement/agreement.resolver';
import { EntityResolver } from '../modules/entity/entity.resolver';
import { EventResolver, ParticipationResolver } from '../modules/event/event.resolver';
import { EVENT_TYPES } from '../modules/event/event.type';
import { InstitutionResolver } from '../modules/institution/institution.resolver';
import { INSTITUTION_TYPES } from '../modules/institution/institution.type';
import { PersonResolver, PositionResolver } from '../modules/person/person.resolver';
import { PlaceResolver } from '../modules/place/place.resolver';
import { PLACE_TYPES } from '../modules/place/place.type';
import { SearchResolver } from '../modules/search/search.resolver';
import { IngestResolver } from '../modules/ingest/ingest.resolver';
import { EditResolver } from '../modules/edit/edit.resolver';
import { ReviewResolver } from '../modules/review/review.resolver';
import { AnalyticsResolver } from '../modules/analytics/analytics.resolver';
import { StatsResolver } from '../traversal/stats.resolver';
import { SummaryResolver } from '../traversal/summary.resolver';
import { GraphEdgeResolver, TraversalResolver } from '../traversal/traversal.resolver';
import { SourceResolver } from '../modules/source/source.resolver';
import { SystemResolver } from '../modules/system/system.resolver';
import { passLeafArgumentsDirectly } from './argument.passing';
import { completeNodesBeforeFields } from './node.completion';

export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      SystemResolver,
      EntityResolver,
      InstitutionResolver,
      PersonResolver,
      PositionResolver,
      EventResolver,
      ParticipationResolver,
      AgreementResolver,
      CommitmentResolver,
      FrameworkResolver,
      PlaceResolver,
      SourceResolver,
      SearchResolver,
      IngestResolver,
      EditResolver,
      ReviewResolver,
      TraversalResolver,
      GraphEdgeResolver,
      StatsResolver,
      AnalyticsResolver,
      SummaryResolver,
    ],
    // The kinds are reached only through their interfaces; listing them puts them in the schema.
    orphanedTypes: [...INSTITUTION_TYPES, ...EVENT_TYPES, ...PLACE_TYPES],
    validate: true,
    authChecker,
  });
  return completeNodesBeforeFields(passLeafArgumentsDirectly(schema));
}

/** The SDL committed as schema/schema.graphql: sorted, so that it changes only when the schema does. */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
