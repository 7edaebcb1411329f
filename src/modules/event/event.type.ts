import { kindEnum } from '../../graphql/kind.enum';
import { Field, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { EVENT_KINDS, type EventKind as EventKindName } from '../../db/identifier.whitelist';
import type { GraphQLClass } from '../../graphql/connection.type';
import { DateScalar } from '../../graphql/date.scalar';
import { Entity, Node } from '../entity/entity.type';

export const EventKind = kindEnum(EVENT_KINDS);
registerEnumType(EventKind, { name: 'EventKind' });

export enum ParticipantRole {
  HOST = 'HOST',
  DELEGATION_LEAD = 'DELEGATION_LEAD',
  DELEGATION_MEMBER = 'DELEGATION_MEMBER',
  ACCOMPANYING = 'ACCOMPANYING',
  ATTENDEE = 'ATTENDEE',
  CO_CHAIR = 'CO_CHAIR',
  SIGNATORY = 'SIGNATORY',
  ORGANIZER = 'ORGANIZER',
  CO_SPONSOR = 'CO_SPONSOR',
  SPEAKER = 'SPEAKER',
  SITE = 'SITE',
  PARTY = 'PARTY',
}
registerEnumType(ParticipantRole, {
  name: 'ParticipantRole',
  description: 'The part a person or institution took.',
  valuesConfig: {
    SITE: { description: 'The institution visited or inspected.' },
    PARTY: { description: 'A party to an agreement reached at the event.' },
  },
});

@InterfaceType({
  implements: [Entity, Node],
  description:
    'Something that happened on a date: a visit, a meeting within it, an inspection, a signing ...',
  resolveType: (value: { __typename: string }) => value.__typename,
})
export abstract class Event extends Entity {
  @Field(() => EventKind)
  kind!: EventKindName;

  @Field(() => DateScalar, { nullable: true, description: 'The day it happened (or began).' })
  date?: string;

  @Field(() => DateScalar, { nullable: true, description: 'The last day, for events over several days.' })
  endDate?: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Its place in the sequence of its parent event (1 = first).',
  })
  order?: number;
}

function eventType(kind: EventKindName): GraphQLClass {
  @ObjectType(EVENT_KINDS[kind], { implements: [Event, Entity, Node] })
  class EventOfKind extends Event {}
  return EventOfKind;
}

export const EVENT_TYPES = (Object.keys(EVENT_KINDS) as EventKindName[]).map(eventType);

@ObjectType({ description: 'A person or institution taking part in an event, in a role.' })
export class Participation {
  @Field(() => ParticipantRole)
  role!: ParticipantRole;

  @Field({
    nullable: true,
    description: 'How the document words their part, such as "the person in charge".',
  })
  capacity?: string;

  participantId!: string;
  eventId!: string;
  sourceIds!: string[];
}
