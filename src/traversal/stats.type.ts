import { Field, Int, ObjectType } from 'type-graphql';
import { Entity } from '../modules/entity/entity.type';

@ObjectType({ description: 'How many entities carry one kind label (Ministry, Person, Meeting ...).' })
export class KindCount {
  @Field({ description: 'The GraphQL type name: Ministry, Person, Meeting ...' })
  kind!: string;

  @Field({ description: 'Its category: Institution, Person, Event, Place, Agreement, Framework.' })
  category!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class CountryCount {
  @Field({
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code; null for institutions with no known country.',
  })
  code?: string;

  @Field({ nullable: true })
  name?: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class PeriodCount {
  @Field({ description: 'A year (2019) or a month (2019-12).' })
  period!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class EntityDegree {
  @Field(() => Entity)
  node!: unknown;

  @Field(() => Int, { description: 'Relationships with other entities.' })
  degree!: number;
}

@ObjectType({
  description:
    'Cooperation between two countries: events with participants from both, agreements with parties from both.',
})
export class CountryPair {
  @Field()
  a!: string;

  @Field()
  b!: string;

  @Field(() => Int)
  events!: number;

  @Field(() => Int)
  agreements!: number;
}

@ObjectType({ description: 'What a dashboard plots. Each field is computed only when asked for.' })
export class Stats {}
