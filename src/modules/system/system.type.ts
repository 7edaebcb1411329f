import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The database this API serves from, as reported by the live server.' })
export class DatabaseInfo {
  @Field({ description: 'Neo4j version, such as 5.26.30.' })
  version!: string;

  @Field({ description: 'Neo4j edition: community or enterprise.' })
  edition!: string;
}

@ObjectType({ description: 'What this API is and what it runs on.' })
export class About {
  @Field()
  name!: string;

  @Field({ description: 'Version of the API.' })
  version!: string;

  @Field(() => DatabaseInfo)
  database!: DatabaseInfo;
}
