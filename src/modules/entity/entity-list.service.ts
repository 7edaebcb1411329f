import countries from 'i18n-iso-countries';
import { AppError } from '../../common/app.errors';
import type { Config } from '../../config/app.config';
import type { DatabaseProvider } from '../../db/database.provider';
import type { GraphNode } from '../../db/graph.record';
import { EVENT_KINDS, INSTITUTION_KINDS } from '../../db/identifier.whitelist';
import { pageWindow, toPage, type Page } from '../../graphql/connection.type';
import { EntityListRepository, type ListQuery } from './entity-list.repository';
import {
  EventSort,
  NameSort,
  type EventFilter,
  type InstitutionFilter,
  type PersonFilter,
} from './entity-list.input';

export interface Paging {
  first?: number;
  after?: string;
}

/** The rules of the dashboard lists: filters checked and normalised, page size bounded, stable order. */
export class EntityListService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly limits: Config['limits'],
  ) {}

  institutions(
    filter: InstitutionFilter = {},
    sort: NameSort = NameSort.NAME_ASC,
    paging: Paging = {},
  ): Promise<Page<GraphNode>> {
    return this.run(paging, {
      base: 'Institution',
      kindLabels: filter.kinds?.map((kind) => INSTITUTION_KINDS[kind]),
      nameContains: this.text('filter.name', filter.name),
      countryCode: this.country('filter.country', filter.country),
      placeId: filter.placeId,
      sortBy: 'name',
      descending: sort === NameSort.NAME_DESC,
    });
  }

  people(
    filter: PersonFilter = {},
    sort: NameSort = NameSort.NAME_ASC,
    paging: Paging = {},
  ): Promise<Page<GraphNode>> {
    return this.run(paging, {
      base: 'Person',
      nameContains: this.text('filter.name', filter.name),
      countryCode: this.country('filter.country', filter.country),
      institutionId: filter.institutionId,
      sortBy: 'name',
      descending: sort === NameSort.NAME_DESC,
    });
  }

  events(
    filter: EventFilter = {},
    sort: EventSort = EventSort.DATE_ASC,
    paging: Paging = {},
  ): Promise<Page<GraphNode>> {
    if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
      throw new AppError('BAD_USER_INPUT', `filter.from (${filter.from}) is after filter.to (${filter.to})`, {
        field: 'filter.from',
      });
    }
    return this.run(paging, {
      base: 'Event',
      kindLabels: filter.kinds?.map((kind) => EVENT_KINDS[kind]),
      nameContains: this.text('filter.name', filter.name),
      countryCode: this.country('filter.country', filter.country),
      placeId: filter.placeId,
      from: filter.from,
      to: filter.to,
      participantId: filter.participantId,
      sortBy: sort.startsWith('DATE') ? 'date' : 'name',
      descending: sort.endsWith('DESC'),
    });
  }

  private async run(
    paging: Paging,
    query: Omit<ListQuery, 'skip' | 'limit' | 'countryDepth'>,
  ): Promise<Page<GraphNode>> {
    const { skip, limit } = pageWindow(
      paging.first,
      paging.after,
      this.limits.maxPageSize,
      this.limits.defaultPageSize,
    );
    const defined = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
    const { nodes, totalCount } = await new EntityListRepository(this.databases.get()).list({
      ...(defined as Omit<ListQuery, 'skip' | 'limit' | 'countryDepth'>),
      countryDepth: this.limits.maxTraversalDepth,
      skip,
      limit,
    });
    return toPage(nodes, skip, totalCount);
  }

  private text(field: string, value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (value.length > this.limits.maxFilterLength) {
      throw new AppError(
        'BAD_USER_INPUT',
        `${field} is longer than ${this.limits.maxFilterLength} characters`,
        { field },
      );
    }
    const trimmed = value.trim().toLowerCase();
    return trimmed === '' ? undefined : trimmed;
  }

  private country(field: string, code: string | undefined): string | undefined {
    if (code === undefined) return undefined;
    const upper = code.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(upper) || !countries.isValid(upper)) {
      throw new AppError(
        'BAD_USER_INPUT',
        `${field} must be an ISO 3166-1 alpha-2 country code such as MN, got ${JSON.stringify(code)}`,
        {
          field,
        },
      );
    }
    return upper;
  }
}
