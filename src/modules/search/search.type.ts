import { Field, Float, ObjectType } from 'type-graphql';
import { Entity } from '../entity/entity.type';

@ObjectType({ description: 'One search result, best first.' })
export class SearchHit {
  @Field(() => Float, { description: 'Relevance as the full-text index ranks it; higher is better.' })
  score!: number;

  @Field(() => Entity)
  node!: unknown;
}
