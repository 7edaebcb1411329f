import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/date.scalar';
import { EventKind } from '../event/event.type';
import { InstitutionKind } from '../institution/institution.type';
import type {
  EventKind as EventKindName,
  InstitutionKind as InstitutionKindName,
} from '../../db/identifier.whitelist';

export enum NameSort {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
}
registerEnumType(NameSort, { name: 'NameSort' });

export enum EventSort {
  DATE_ASC = 'DATE_ASC',
  DATE_DESC = 'DATE_DESC',
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
}
registerEnumType(EventSort, { name: 'EventSort' });

@InputType({ description: 'Every given condition must hold.' })
export class InstitutionFilter {
  @Field(() => [InstitutionKind], { nullable: true })
  kinds?: InstitutionKindName[];

  @Field({ nullable: true, description: 'Text in the name or an alias, any case.' })
  name?: string;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2 code of the country it is in, such as MN.' })
  country?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A place it is in, directly or within it (a region covers its cities).',
  })
  placeId?: string;
}

@InputType({ description: 'Every given condition must hold.' })
export class PersonFilter {
  @Field({ nullable: true, description: 'Text in the name or an alias, any case.' })
  name?: string;

  @Field(() => ID, { nullable: true, description: 'Holds or held a position at this institution.' })
  institutionId?: string;

  @Field({
    nullable: true,
    description: 'Holds or held a position at an institution in this country (ISO alpha-2).',
  })
  country?: string;
}

@InputType({ description: 'Every given condition must hold.' })
export class EventFilter {
  @Field(() => [EventKind], { nullable: true })
  kinds?: EventKindName[];

  @Field({ nullable: true, description: 'Text in the name or an alias, any case.' })
  name?: string;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2 code of the country where it happened.' })
  country?: string;

  @Field(() => ID, { nullable: true, description: 'A place where it happened, directly or within it.' })
  placeId?: string;

  @Field(() => DateScalar, { nullable: true, description: 'On or after this date.' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'On or before this date.' })
  to?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A person or institution that took part in it or was its site.',
  })
  participantId?: string;
}
