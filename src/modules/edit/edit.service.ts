import { AppError } from '../../common/app.errors';
import type { DatabaseProvider } from '../../db/database.provider';
import { INSTITUTION_KINDS } from '../../db/identifier.whitelist';
import type { IngestReport } from '../../ingest/document.repository';
import type { IngestDocument } from '../../ingest/document.types';
import type { IngestService } from '../../ingest/ingest.service';
import { EditRepository, type EntityHead } from './edit.repository';
import type {
  CreateInstitutionInput,
  CreatePersonInput,
  LinkKind,
  PositionInput,
  SourceInput,
  UpdateInstitutionInput,
  UpdatePersonInput,
} from './edit.input';

export interface EditResult {
  id: string;
  outcome: IngestReport['entities'][number]['outcome'];
}

/** Document fields as the edit mutations call them. */
const INPUT_FIELDS: [RegExp, string][] = [
  [/^people\[0\]\.positions\[0\]\.institution$/, 'input.institutionId'],
  [/^people\[0\]\.positions\[0\]\./, 'input.'],
  [/^institutions\[0\]\.locatedIn$/, 'input.placeId'],
  [/^institutions\[0\]\.partOf$/, 'input.partOfId'],
  [/^(institutions|people)\[0\]\./, 'input.'],
  [/^relationships\[0\]\.from$/, 'fromId'],
  [/^relationships\[0\]\.to$/, 'toId'],
];

type WriteOptions = Parameters<IngestService['ingest']>[1];

const definedOnly = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;

/**
 * Single edits. Additions are written as a one-record document through ingest, so they get the same checks,
 * the same resolution and the same provenance as any document; removals and merges have their own queries.
 */
export class EditService {
  constructor(
    private readonly databases: DatabaseProvider,
    private readonly ingest: IngestService,
  ) {}

  async createInstitution(input: CreateInstitutionInput, source: SourceInput): Promise<EditResult> {
    return this.addOne(source, 'institutions', {
      ...(input.id ? { id: input.id } : { ref: 'institution' }),
      kind: input.kind,
      name: input.name,
      aliases: input.aliases,
      acronym: input.acronym,
      description: input.description,
      partOf: input.partOfId,
      locatedIn: input.placeId,
    });
  }

  async updateInstitution(
    id: string,
    input: UpdateInstitutionInput,
    source: SourceInput,
  ): Promise<EditResult> {
    const head = await this.existing(id, 'Institution');
    return this.addOne(
      source,
      'institutions',
      {
        id: head.id,
        kind: head.kind ?? this.kindOf(head),
        name: input.name ?? head.name,
        aliases: input.aliases,
        acronym: input.acronym,
        description: input.description,
        partOf: input.partOfId,
        locatedIn: input.placeId,
      },
      {
        rename: input.name !== undefined && input.name !== head.name,
        mustExist: [{ field: 'id', id: head.id }],
      },
    );
  }

  async createPerson(input: CreatePersonInput, source: SourceInput): Promise<EditResult> {
    return this.addOne(source, 'people', {
      ...(input.id ? { id: input.id } : { ref: 'person' }),
      name: input.name,
      aliases: input.aliases,
    });
  }

  async updatePerson(id: string, input: UpdatePersonInput, source: SourceInput): Promise<EditResult> {
    const head = await this.existing(id, 'Person');
    return this.addOne(
      source,
      'people',
      { id: head.id, name: input.name ?? head.name, aliases: input.aliases },
      {
        rename: input.name !== undefined && input.name !== head.name,
        mustExist: [{ field: 'id', id: head.id }],
      },
    );
  }

  async recordPosition(input: PositionInput, source: SourceInput): Promise<EditResult> {
    const person = await this.existing(input.personId, 'Person', 'personId');
    await this.existing(input.institutionId, 'Institution', 'institutionId');
    return this.addOne(
      source,
      'people',
      {
        id: person.id,
        name: person.name,
        positions: [
          definedOnly({
            institution: input.institutionId,
            title: input.title,
            since: input.since,
            until: input.until,
          }),
        ],
      },
      {
        mustExist: [
          { field: 'input.personId', id: person.id },
          { field: 'input.institutionId', id: input.institutionId },
        ],
      },
    );
  }

  async link(fromId: string, kind: LinkKind, toId: string, source: SourceInput): Promise<void> {
    await this.addDocument(
      source,
      { relationships: [{ from: fromId, type: kind, to: toId }] },
      {
        mustExist: [
          { field: 'fromId', id: fromId },
          { field: 'toId', id: toId },
        ],
      },
    );
  }

  async unlink(fromId: string, kind: LinkKind, toId: string): Promise<number> {
    const [from, to] = await Promise.all([this.repository().head(fromId), this.repository().head(toId)]);
    const removed = from && to ? await this.repository().unlink(from.id, kind, to.id) : 0;
    if (removed === 0) {
      throw new AppError(
        'NOT_FOUND',
        `no ${kind} relationship from ${JSON.stringify(fromId)} to ${JSON.stringify(toId)}`,
      );
    }
    return removed;
  }

  /** `by`: who deletes it, recorded on its tombstone. */
  async delete(id: string, by: string | undefined): Promise<number> {
    return this.repository().delete(id, by);
  }

  /** Lets documents write a deleted id again: the kind it had. */
  async restore(id: string): Promise<string> {
    return this.repository().restore(id);
  }

  async merge(keepId: string, mergeId: string): Promise<number> {
    if (keepId === mergeId)
      throw new AppError('BAD_USER_INPUT', 'mergeId: cannot merge an entity into itself', {
        field: 'mergeId',
      });
    return this.repository().merge(keepId, mergeId);
  }

  private repository(): EditRepository {
    return new EditRepository(this.databases.get());
  }

  private kindOf(head: EntityHead): string | undefined {
    return Object.entries(INSTITUTION_KINDS).find(([, label]) => head.labels.includes(label))?.[0];
  }

  private async existing(id: string, label: string, field = 'id'): Promise<EntityHead> {
    const head = await this.repository().head(id);
    if (!head?.labels.includes(label)) {
      throw new AppError('NOT_FOUND', `${field}: no ${label.toLowerCase()} has id ${JSON.stringify(id)}`, {
        field,
      });
    }
    return head;
  }

  private async addOne(
    source: SourceInput,
    section: 'institutions' | 'people',
    record: Record<string, unknown>,
    options: WriteOptions = {},
  ): Promise<EditResult> {
    const report = await this.addDocument(source, { [section]: [definedOnly(record)] }, options);
    const entity = report.entities.find((e) => e.field === `${section}[0]`);
    if (!entity) throw new Error(`ingest reported nothing for ${section}[0]`);
    return { id: entity.id, outcome: entity.outcome };
  }

  /** The edit as a document, through ingest; errors name the mutation's arguments, not the document's fields. */
  private async addDocument(
    source: SourceInput,
    body: Omit<IngestDocument, 'source'>,
    options: WriteOptions = {},
  ): Promise<IngestReport> {
    try {
      return await this.ingest.ingest({ source: definedOnly({ ...source }), ...body }, options);
    } catch (error) {
      if (!(error instanceof AppError) || typeof error.details.field !== 'string') throw error;
      const documentField = error.details.field;
      const field = INPUT_FIELDS.reduce(
        (name, [pattern, replacement]) => name.replace(pattern, replacement),
        documentField,
      );
      throw new AppError(error.code, error.message.replace(documentField, field), {
        ...error.details,
        field,
      });
    }
  }
}
