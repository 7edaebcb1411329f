import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { AppError } from '../../common/app.errors';
import type { GraphNode } from '../../db/graph.record';
import type { RequestContext } from '../../graphql/request.context';
import { Entity } from '../entity/entity.type';
import type { IngestOutcome } from '../ingest/ingest.type';
import {
  CreateInstitutionInput,
  CreatePersonInput,
  LinkKind,
  PositionInput,
  SourceInput,
  UpdateInstitutionInput,
  UpdatePersonInput,
} from './edit.input';
import type { EditResult } from './edit.service';
import { DeletePayload, EditPayload, MergePayload } from './edit.type';

/** The entity an edit left, read after it; gone only if a delete came in between. */
async function entityAfter(ctx: RequestContext, id: string): Promise<GraphNode> {
  const entity = await ctx.graph.node(id);
  if (!entity) throw new AppError('NOT_FOUND', `${JSON.stringify(id)} was deleted meanwhile`);
  return entity;
}

async function payload(ctx: RequestContext, result: EditResult): Promise<EditPayload> {
  return { entity: await entityAfter(ctx, result.id), outcome: result.outcome as IngestOutcome };
}

@Resolver()
export class EditResolver {
  @Mutation(() => EditPayload, { description: 'Adds an institution, or finds the one it already is.' })
  @Authorized('editor')
  async createInstitution(
    @Arg('input', () => CreateInstitutionInput) input: CreateInstitutionInput,
    @Arg('source', () => SourceInput) source: SourceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EditPayload> {
    return payload(ctx, await ctx.services.edit.createInstitution(input, source));
  }

  @Mutation(() => EditPayload)
  @Authorized('editor')
  async updateInstitution(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateInstitutionInput) input: UpdateInstitutionInput,
    @Arg('source', () => SourceInput) source: SourceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EditPayload> {
    return payload(ctx, await ctx.services.edit.updateInstitution(id, input, source));
  }

  @Mutation(() => EditPayload, { description: 'Adds a person, or finds the one they already are.' })
  @Authorized('editor')
  async createPerson(
    @Arg('input', () => CreatePersonInput) input: CreatePersonInput,
    @Arg('source', () => SourceInput) source: SourceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EditPayload> {
    return payload(ctx, await ctx.services.edit.createPerson(input, source));
  }

  @Mutation(() => EditPayload)
  @Authorized('editor')
  async updatePerson(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePersonInput) input: UpdatePersonInput,
    @Arg('source', () => SourceInput) source: SourceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EditPayload> {
    return payload(ctx, await ctx.services.edit.updatePerson(id, input, source));
  }

  @Mutation(() => EditPayload, {
    description: 'Records that a person holds (or held) a position; returns the person.',
  })
  @Authorized('editor')
  async recordPosition(
    @Arg('input', () => PositionInput) input: PositionInput,
    @Arg('source', () => SourceInput) source: SourceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<EditPayload> {
    return payload(ctx, await ctx.services.edit.recordPosition(input, source));
  }

  @Mutation(() => Entity, { description: 'Links two entities; returns the first.' })
  @Authorized('editor')
  async link(
    @Arg('fromId', () => ID) fromId: string,
    @Arg('kind', () => LinkKind) kind: LinkKind,
    @Arg('toId', () => ID) toId: string,
    @Arg('source', () => SourceInput) source: SourceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<GraphNode> {
    await ctx.services.edit.link(fromId, kind, toId, source);
    return entityAfter(ctx, fromId);
  }

  @Mutation(() => Int, {
    description: 'Removes the links of one kind between two entities; how many were removed.',
  })
  @Authorized('editor')
  unlink(
    @Arg('fromId', () => ID) fromId: string,
    @Arg('kind', () => LinkKind) kind: LinkKind,
    @Arg('toId', () => ID) toId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<number> {
    return ctx.services.edit.unlink(fromId, kind, toId);
  }

  @Mutation(() => DeletePayload, {
    description:
      'Deletes an entity and all its relationships; its id is remembered, so that no document recreates it until restoreEntity.',
  })
  @Authorized('admin')
  async deleteEntity(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<DeletePayload> {
    return { id, relationshipsRemoved: await ctx.services.edit.delete(id, ctx.user?.id) };
  }

  @Mutation(() => ID, {
    description:
      'Forgets the deletion of an id: documents that mention it write it again. Returns the id; NOT_FOUND when it was not deleted.',
  })
  @Authorized('admin')
  async restoreEntity(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<string> {
    await ctx.services.edit.restore(id);
    return id;
  }

  @Mutation(() => MergePayload, {
    description:
      'Merges mergeId into keepId: relationships, aliases and sources move; mergeId keeps resolving to keepId.',
  })
  @Authorized('admin')
  async mergeEntities(
    @Arg('keepId', () => ID) keepId: string,
    @Arg('mergeId', () => ID) mergeId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MergePayload> {
    const relationshipsMoved = await ctx.services.edit.merge(keepId, mergeId);
    return { kept: await entityAfter(ctx, keepId), mergedId: mergeId, relationshipsMoved };
  }
}
