import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/date.scalar';
import { Entity, Node } from '../entity/entity.type';

@ObjectType({ implements: [Entity, Node], description: 'A person named in the documents.' })
export class Person extends Entity {}

@ObjectType({
  description: 'A position a person holds at an institution, with its validity where the documents give it.',
})
export class Position {
  @Field({ description: 'Title, such as Director or Deputy Director.' })
  title!: string;

  @Field(() => DateScalar, { nullable: true, description: 'First known date in the position.' })
  since?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date the position ended, if it did.' })
  until?: string;

  /** Not fields: what the field resolvers load from. */
  personId!: string;
  institutionId!: string;
  sourceIds!: string[];
}

/** The `asOf` argument of a list of positions (a person's, an institution's people), in one wording. */
export const AS_OF = { nullable: true, description: 'Only positions held on this date.' };
