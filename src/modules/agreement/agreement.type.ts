import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/date.scalar';
import { Entity, Node } from '../entity/entity.type';

@ObjectType({
  implements: [Entity, Node],
  description: 'What parties agreed, reached at an event, under a framework, as ordered commitments.',
})
export class Agreement extends Entity {
  @Field(() => DateScalar, { nullable: true })
  date?: string;
}

@ObjectType({ implements: [Entity, Node], description: 'One commitment of an agreement.' })
export class Commitment extends Entity {
  @Field(() => Int, { description: 'Its place in the agreement: 1 for the first.' })
  order!: number;

  @Field()
  text!: string;
}

@ObjectType({
  implements: [Entity, Node],
  description: 'A framework or initiative that agreements sit under, such as the Belt and Road Initiative.',
})
export class Framework extends Entity {}
