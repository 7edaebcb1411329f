import fc from 'fast-check';
import { parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { AppError } from '../../src/common/app.errors';
import { loadConfig } from '../../src/config/app.config';
import { costRules, estimateCost } from '../../src/graphql/cost.rules';
import { buildAppSchema } from '../../src/graphql/schema.build';
import { IngestService } from '../../src/ingest/ingest.service';
import { DatabaseProvider } from '../../src/db/database.provider';
import { documentArb, FC_SEED, invalidDocumentArb, operationArb } from '../helpers/arbitraries';

const config = loadConfig({});
const service = new IngestService(new DatabaseProvider(), config.limits);
const sourceId = fc.constant('property:unit');
const RUNS = { seed: FC_SEED, numRuns: 60 };

/** What planning answers: the plan, or the BAD_USER_INPUT error; anything else fails the property. */
function planOrRefusal(document: unknown): unknown {
  try {
    return service.plan(document);
  } catch (error) {
    if (
      error instanceof AppError &&
      error.code === 'BAD_USER_INPUT' &&
      typeof error.details.field === 'string'
    )
      return error;
    throw error;
  }
}

describe('properties of the document checks (no database)', () => {
  it('plans any valid document, in any script, the same way every time', () => {
    fc.assert(
      fc.property(documentArb(sourceId), (document) => {
        const plan = service.plan(document);
        expect(service.plan(structuredClone(document))).toEqual(plan);
      }),
      RUNS,
    );
  });

  it('refuses a spoiled document with BAD_USER_INPUT naming a field (except a self-link, which needs the graph)', () => {
    fc.assert(
      fc.property(invalidDocumentArb(sourceId), ([how, document]) => {
        const answer = planOrRefusal(document);
        if (how !== 'a part of itself' && how !== 'a reference to nothing')
          expect(answer).toBeInstanceOf(AppError);
      }),
      RUNS,
    );
  });

  it('answers any JSON value given as a document with a plan or BAD_USER_INPUT, never another error', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        planOrRefusal(value);
      }),
      RUNS,
    );
  });
});

describe('properties of the request limits (no database)', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('validates and costs any operation with nested fragments, aliases, @skip and @include, quickly and without throwing', () => {
    fc.assert(
      fc.property(operationArb, (query) => {
        const started = Date.now();
        const document = parse(query);
        const errors = validate(schema, document, [...specifiedRules, ...costRules(config.cost)]);
        expect(errors.map((e) => e.message)).toEqual([]);
        const cost = estimateCost(schema, config.limits, { document });
        expect(typeof cost).toBe('number');
        expect(Date.now() - started).toBeLessThan(500);
      }),
      RUNS,
    );
  });
});
