import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/date.scalar';
import { InstitutionKind } from '../institution/institution.type';
import type { InstitutionKind as InstitutionKindName } from '../../db/identifier.whitelist';

@InputType({ description: 'The document that states a change: every edit records one.' })
export class SourceInput {
  @Field(() => ID, { description: 'Stable id; an existing source is referred to by its id alone.' })
  id!: string;

  @Field()
  publisher!: string;

  @Field()
  title!: string;

  @Field({ nullable: true })
  url?: string;

  @Field(() => DateScalar, { nullable: true })
  date?: string;

  @Field({ nullable: true })
  author?: string;

  @Field({ nullable: true })
  section?: string;
}

@InputType()
export class CreateInstitutionInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A stable id to use; without one, it is generated from the name.',
  })
  id?: string;

  @Field(() => InstitutionKind)
  kind!: InstitutionKindName;

  @Field()
  name!: string;

  @Field(() => [String], { nullable: true })
  aliases?: string[];

  @Field({ nullable: true })
  acronym?: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => ID, { nullable: true, description: 'The institution it is part of.' })
  partOfId?: string;

  @Field(() => ID, { nullable: true, description: 'The place it is in.' })
  placeId?: string;
}

@InputType({ description: 'Only the fields given change; a new name keeps the old one as an alias.' })
export class UpdateInstitutionInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => [String], { nullable: true, description: 'Aliases to add.' })
  aliases?: string[];

  @Field({ nullable: true })
  acronym?: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => ID, { nullable: true })
  partOfId?: string;

  @Field(() => ID, { nullable: true })
  placeId?: string;
}

@InputType()
export class CreatePersonInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A stable id to use; without one, it is generated from the name.',
  })
  id?: string;

  @Field()
  name!: string;

  @Field(() => [String], { nullable: true })
  aliases?: string[];
}

@InputType({ description: 'Only the fields given change; a new name keeps the old one as an alias.' })
export class UpdatePersonInput {
  @Field({ nullable: true })
  name?: string;

  @Field(() => [String], { nullable: true, description: 'Aliases to add.' })
  aliases?: string[];
}

@InputType()
export class PositionInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  institutionId!: string;

  @Field()
  title!: string;

  @Field(() => DateScalar, { nullable: true })
  since?: string;

  @Field(() => DateScalar, { nullable: true })
  until?: string;
}

export enum LinkKind {
  PART_OF = 'PART_OF',
  LOCATED_IN = 'LOCATED_IN',
  MANAGES = 'MANAGES',
  OPERATES = 'OPERATES',
  SUCCEEDED_BY = 'SUCCEEDED_BY',
}
registerEnumType(LinkKind, {
  name: 'LinkKind',
  description:
    'The relationships that link and unlink may set directly; the rest come with events and agreements.',
});
