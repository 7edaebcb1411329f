import { kindEnum } from '../../graphql/kind.enum';
import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import {
  INSTITUTION_KINDS,
  type InstitutionKind as InstitutionKindName,
} from '../../db/identifier.whitelist';
import type { GraphQLClass } from '../../graphql/connection.type';
import { Entity, Node } from '../entity/entity.type';

export const InstitutionKind = kindEnum(INSTITUTION_KINDS);
registerEnumType(InstitutionKind, { name: 'InstitutionKind' });

@InterfaceType({
  implements: [Entity, Node],
  description:
    'A ministry, department, park, center, university, company or other body; each kind is its own type.',
  resolveType: (value: { __typename: string }) => value.__typename,
})
export abstract class Institution extends Entity {
  @Field(() => InstitutionKind)
  kind!: InstitutionKindName;

  @Field({ nullable: true, description: 'Acronym, such as CASTTC.' })
  acronym?: string;
}

const DESCRIPTIONS: Record<InstitutionKindName, string> = {
  MINISTRY: 'A national ministry.',
  GOVERNMENT: "A government, such as a province's people's government.",
  GOVERNMENT_DEPARTMENT: 'A department, bureau or division of a government or ministry.',
  COMMITTEE: 'A management or steering committee.',
  SCIENCE_PARK: 'A science and technology park.',
  TRANSFER_CENTER: 'A technology transfer center.',
  SERVICE_CENTER: 'A public service or exchange center.',
  PLATFORM: 'A service or information platform.',
  INNOVATION_CENTER: 'An innovation center.',
  INCUBATOR: 'A business incubator.',
  MARKET: 'A technology market or exchange.',
  UNIVERSITY: 'A university.',
  RESEARCH_INSTITUTE: 'A research institute or academy.',
  ENTERPRISE: 'A company or group.',
  INTERNATIONAL_ORGANIZATION: 'An international or intergovernmental organization.',
};

function institutionType(kind: InstitutionKindName): GraphQLClass {
  @ObjectType(INSTITUTION_KINDS[kind], {
    implements: [Institution, Entity, Node],
    description: DESCRIPTIONS[kind],
  })
  class InstitutionOfKind extends Institution {}
  return InstitutionOfKind;
}

/** One GraphQL object type per kind (Ministry, SciencePark ...), all implementing Institution. */
export const INSTITUTION_TYPES = (Object.keys(INSTITUTION_KINDS) as InstitutionKindName[]).map(
  institutionType,
);
