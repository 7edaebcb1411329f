import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { lacksProperties, type GraphNode } from '../db/graph.record';
import { fieldProperties } from './prefetch.plan';
import type { RequestContext } from './request.context';

/**
 * Makes every field of an entity type that reads node properties ask first for the ones its node lacks. The
 * look-ahead reads of each node only what its own selection reads, and one node can be reached again under a
 * selection that reads more (a list the look-ahead left to a loader, a page primed on another path): such a
 * node is read whole before the field resolves, so a property is never null because it was not read.
 */
export function completeNodesBeforeFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    const faces = isObjectType(type) ? type.getInterfaces().map((face) => face.name) : [];
    if (!isObjectType(type) || !faces.includes('Entity')) continue;
    for (const field of Object.values(type.getFields())) {
      const properties = fieldProperties(field.name, faces.includes('Institution')).filter(
        (key) => key !== 'id',
      );
      if (properties.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source: GraphNode, args, ctx: RequestContext, info) =>
        lacksProperties(source, properties)
          ? ctx.graph.complete(source, properties).then((node) => resolve(node, args, ctx, info))
          : resolve(source, args, ctx, info);
    }
  }
  return schema;
}
