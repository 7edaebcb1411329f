import { Field, ID, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/date.scalar';

const byTypename = (value: { __typename: string }): string => value.__typename;

@InterfaceType({
  description: 'An object with a stable, global id (Relay object identification).',
  resolveType: byTypename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Stable across reloads of the same data: a link to it keeps working.' })
  id!: string;
}

@ObjectType({ description: 'A name in one language.' })
export class LocalizedName {
  @Field({ description: 'BCP 47 language tag, such as zh or ar.' })
  lang!: string;

  @Field()
  value!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'For an institution: the name is its own from this date (it was renamed to it).',
  })
  since?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'For an institution: the name was its own until this date (it stays searchable).',
  })
  until?: string;
}

@InterfaceType({
  implements: Node,
  description:
    'Anything the documents speak of: an institution, person, event, place, agreement or framework.',
  resolveType: byTypename,
})
export abstract class Entity extends Node {
  @Field({ description: 'Display name.' })
  name!: string;

  @Field(() => [String], { description: 'Other names and spellings the documents use.' })
  aliases!: string[];
}

export enum EntityKind {
  INSTITUTION = 'Institution',
  PERSON = 'Person',
  EVENT = 'Event',
  PLACE = 'Place',
  AGREEMENT = 'Agreement',
  FRAMEWORK = 'Framework',
  COMMITMENT = 'Commitment',
}

registerEnumType(EntityKind, {
  name: 'EntityKind',
  description: 'The broad kinds of entity, for filtering search.',
});
