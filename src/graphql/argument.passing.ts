import {
  getNamedType,
  isEnumType,
  isObjectType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import type { RequestContext } from './request.context';

/** What type-graphql records of a field resolver's parameters and class (its metadata storage). */
interface ParamMetadata {
  kind: string;
  index: number;
  name?: string;
}
interface FieldResolverMetadata {
  kind: string;
  methodName: string;
  schemaName: string;
  target: new () => Record<string, (...args: unknown[]) => unknown>;
  params?: ParamMetadata[];
  roles?: unknown[];
  middlewares?: unknown[];
  getObjectType?: () => unknown;
}

/** The parameters a direct call can give: the parent, the context, the resolve info and arguments by name. */
const DIRECT = new Set(['root', 'context', 'info', 'arg']);

/**
 * Field resolvers that take arguments, called with them directly. type-graphql hands every argument to its
 * validation, an `async` function whatever the value, so each such field (an institution's `name(asOf:)`, every
 * nested list's `first`) was a promise, and so was each object holding one, even when its answer was in memory.
 * A leaf argument (a scalar, an enum, or a list of them) has nothing to validate; a resolver whose arguments are all
 * leaves, with no roles and no middleware, is called as type-graphql would call it, without the promise.
 */
export function passLeafArgumentsDirectly(schema: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage() as unknown as {
    fieldResolvers: FieldResolverMetadata[];
    objectTypes: { name: string; target: unknown }[];
    interfaceTypes: { name: string; target: unknown }[];
  };
  const typeName = new Map(
    [...storage.objectTypes, ...storage.interfaceTypes].map((type) => [type.target, type.name]),
  );
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const names = new Set([type.name, ...type.getInterfaces().map((face) => face.name)]);
    for (const field of Object.values(type.getFields())) {
      const leaves = field.args.every((arg) => {
        const named = getNamedType(arg.type);
        return isScalarType(named) || isEnumType(named);
      });
      if (field.args.length === 0 || !leaves) continue;
      const found = storage.fieldResolvers.filter(
        (meta) =>
          meta.kind === 'external' &&
          meta.schemaName === field.name &&
          names.has(typeName.get(meta.getObjectType?.()) ?? ''),
      );
      const meta = found.length === 1 ? found[0] : undefined;
      if (meta && direct(meta)) field.resolve = directCall(meta);
    }
  }
  return schema;
}

const direct = (meta: FieldResolverMetadata): boolean =>
  (meta.roles ?? []).length === 0 &&
  (meta.middlewares ?? []).length === 0 &&
  (meta.params ?? []).every((param) => DIRECT.has(param.kind));

/** How a direct call gets each kind of parameter from graphql-js's four. */
type Given = (root: unknown, args: Record<string, unknown>, ctx: RequestContext, info: unknown) => unknown;
const given = (param: ParamMetadata): Given => {
  if (param.kind === 'root') return (root) => root;
  if (param.kind === 'context') return (_root, _args, ctx) => ctx;
  if (param.kind === 'info') return (_root, _args, _ctx, info) => info;
  const name = param.name as string;
  return (_root, args) => args[name];
};

function directCall(meta: FieldResolverMetadata): GraphQLFieldResolver<unknown, RequestContext> {
  const instance = new meta.target();
  const method = instance[meta.methodName] as (...args: unknown[]) => unknown;
  // Decided once per field, not per call: the parameters in their order, each with how it is given.
  const params = [...(meta.params ?? [])].sort((a, b) => a.index - b.index).map(given);
  return (root, args, ctx, info) =>
    method.apply(
      instance,
      params.map((param) => param(root, args as Record<string, unknown>, ctx, info)),
    );
}
