import { AppError } from '../common/app.errors';
import type { Config } from '../config/app.config';
import type { DatabaseProvider } from '../db/database.provider';
import { answers, type GraphGeneration } from '../db/graph.generation';
import { currentDeadline, withoutDeadline } from '../db/request.deadline';
import { StatsRepository } from './stats.repository';

/** How many of the most connected entities `topEntities` returns: by default, and at most. */
export const TOP_ENTITIES = { default: 10, max: 100 };

/** Each aggregate and how it is computed; `topEntities` is kept at its largest and cut to what is asked. */
const AGGREGATES = {
  entitiesByKind: (r: StatsRepository) => r.entitiesByKind(),
  institutionsByCountry: (r: StatsRepository) => r.institutionsByCountry(),
  eventsPerYear: (r: StatsRepository) => r.eventsPer('year'),
  eventsPerMonth: (r: StatsRepository) => r.eventsPer('month'),
  topEntities: (r: StatsRepository) => r.topEntities(TOP_ENTITIES.max),
  countryCooperation: (r: StatsRepository) => r.countryCooperation(),
};

type Name = keyof typeof AGGREGATES;
type Aggregate<N extends Name> = Awaited<ReturnType<(typeof AGGREGATES)[N]>>;

/**
 * Dashboard aggregates, kept per graph generation (graph.generation.ts). A request reads the generation once;
 * an aggregate computed at it (or later) answers it, else the aggregate is computed again, once for all the
 * requests that want it meanwhile. The generation is in the graph, so a write through any replica makes every
 * replica compute again. Within a request, each aggregate is asked for once however many aliases name it.
 */
export class StatsService {
  private readonly kept = new Map<Name, { generation: GraphGeneration; value: Promise<unknown> }>();
  /** Per request (its context object): the generation it saw, and the aggregates it asked for. */
  private readonly requests = new WeakMap<object, Map<string, Promise<unknown>>>();

  constructor(
    private readonly databases: DatabaseProvider,
    private readonly limits: Pick<Config['limits'], 'maxTraversalDepth' | 'statsTimeoutMs'>,
  ) {}

  private repository(): StatsRepository {
    return new StatsRepository(
      this.databases.get(),
      this.limits.maxTraversalDepth,
      this.limits.statsTimeoutMs,
    );
  }

  entitiesByKind(request: object) {
    return this.aggregate(request, 'entitiesByKind');
  }

  institutionsByCountry(request: object) {
    return this.aggregate(request, 'institutionsByCountry');
  }

  eventsPer(request: object, unit: 'year' | 'month') {
    return this.aggregate(request, unit === 'year' ? 'eventsPerYear' : 'eventsPerMonth');
  }

  async topEntities(request: object, limit: number) {
    if (!Number.isInteger(limit) || limit < 1 || limit > TOP_ENTITIES.max) {
      throw new AppError('BAD_USER_INPUT', `limit: must be from 1 to ${TOP_ENTITIES.max}, got ${limit}`, {
        field: 'limit',
      });
    }
    return (await this.aggregate(request, 'topEntities')).slice(0, limit);
  }

  countryCooperation(request: object) {
    return this.aggregate(request, 'countryCooperation');
  }

  private aggregate<N extends Name>(request: object, name: N): Promise<Aggregate<N>> {
    return this.once(request, name, () => {
      const repository = this.repository();
      // Outside the request's deadline: the computation is everyone's, and goes on when this request gives up.
      const compute = () => withoutDeadline(() => AGGREGATES[name](repository) as Promise<Aggregate<N>>);
      return this.once(request, 'generation', () => repository.generation()).then((generation) =>
        withinDeadline(this.current(name, generation, compute)),
      );
    });
  }

  /** The aggregate kept at `generation` (or later), else a new computation of it, kept for the others. */
  private current<N extends Name>(
    name: N,
    generation: GraphGeneration | undefined,
    compute: () => Promise<Aggregate<N>>,
  ): Promise<Aggregate<N>> {
    // No generation node (the graph was emptied by hand since the last write): nothing can be kept.
    if (generation === undefined) return compute();
    const kept = this.kept.get(name);
    if (kept && answers(kept.generation, generation)) return kept.value as Promise<Aggregate<N>>;
    // Labelled with the generation read before the computation began: it sees at least that generation's data.
    const entry = { generation, value: compute() };
    this.kept.set(name, entry);
    entry.value.catch(() => {
      if (this.kept.get(name) === entry) this.kept.delete(name);
    });
    return entry.value;
  }

  private once<T>(request: object, key: string, make: () => Promise<T>): Promise<T> {
    let memo = this.requests.get(request);
    if (!memo) {
      memo = new Map<string, Promise<unknown>>();
      this.requests.set(request, memo);
    }
    let value = memo.get(key) as Promise<T> | undefined;
    if (!value) memo.set(key, (value = make()));
    return value;
  }
}

/**
 * Waits for `value` until the request's deadline: past it the request answers TIMEOUT while the computation
 * goes on, kept for whoever asks next.
 */
async function withinDeadline<T>(value: Promise<T>): Promise<T> {
  const deadline = currentDeadline();
  if (!deadline) return value;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError(
            'TIMEOUT',
            'The dashboard is still being computed on this large graph; ask again in a few seconds: it goes on, and the answer is kept.',
          ),
        ),
      Math.max(0, deadline.remainingMs()),
    );
  });
  try {
    return await Promise.race([value, expired]);
  } finally {
    clearTimeout(timer);
  }
}
