import 'reflect-metadata';
import { execute, isObjectType, parse, type GraphQLSchema } from 'graphql';
import {
  Arg,
  Authorized,
  buildSchema,
  Field,
  FieldResolver,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { passLeafArgumentsDirectly } from '../../src/graphql/argument.passing';
import { buildAppSchema } from '../../src/graphql/schema.build';
import { RelationshipService } from '../../src/modules/entity/relationship.service';
import type { RequestLoaders } from '../../src/graphql/request.loaders';

@ObjectType()
class Shelf {
  @Field()
  label!: string;
}

@Resolver(() => Shelf)
class ShelfResolver {
  @Query(() => Shelf)
  shelf(): Shelf {
    return { label: 'A' };
  }

  @FieldResolver(() => String)
  repeated(@Root() shelf: Shelf, @Arg('times', () => Int, { defaultValue: 2 }) times: number): string {
    return shelf.label.repeat(times);
  }

  @Authorized('editor')
  @FieldResolver(() => String)
  secret(@Root() shelf: Shelf, @Arg('times', () => Int) times: number): string {
    return shelf.label.repeat(times);
  }
}

const resolveOf = (schema: GraphQLSchema, type: string, field: string) => {
  const found = schema.getType(type);
  if (!isObjectType(found)) throw new Error(`${type} is not an object type`);
  return found.getFields()[field]?.resolve;
};

describe('fields whose arguments are all leaves', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = passLeafArgumentsDirectly(
      await buildSchema({ resolvers: [ShelfResolver], validate: true, authChecker: () => false }),
    );
  });

  it('answer at once, with the arguments given and their defaults', async () => {
    const resolve = resolveOf(schema, 'Shelf', 'repeated');
    expect(resolve?.({ label: 'B' }, { times: 3 }, {}, {} as never)).toBe('BBB');
    const result = await execute({
      schema,
      document: parse('{ shelf { repeated two: repeated(times: 1) } }'),
    });
    expect(result).toEqual({ data: { shelf: { repeated: 'AA', two: 'A' } } });
  });

  it('keep the roles a field asks for: type-graphql still checks them', async () => {
    const result = await execute({ schema, document: parse('{ shelf { secret(times: 1) } }') });
    expect(result.errors?.[0]?.message).toMatch(/Access denied/);
  });

  it("answer an institution's name on a date without a promise", async () => {
    const app = await buildAppSchema();
    const resolve = resolveOf(app, 'University', 'name');
    const graph = new RelationshipService({} as RequestLoaders);
    const node = { __typename: 'University', id: 'u', labels: ['Entity', 'University'], name: 'Now' };
    expect(resolve?.(node, { asOf: '2020-01-01' }, { graph }, {} as never)).toBe('Now');
  });
});
