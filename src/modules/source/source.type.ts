import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/date.scalar';
import { Node } from '../entity/entity.type';

@ObjectType({ implements: Node, description: 'A document that states facts: who says so.' })
export class Source extends Node {
  @Field({ nullable: true, description: 'Web address of the document.' })
  url?: string;

  @Field({ description: 'Who published it.' })
  publisher!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date of publication.' })
  date?: string;

  @Field({ nullable: true })
  author?: string;

  @Field()
  title!: string;

  @Field({ nullable: true, description: "Section of the publisher's site, such as Progress." })
  section?: string;
}
