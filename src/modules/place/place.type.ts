import { kindEnum } from '../../graphql/kind.enum';
import { Field, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { PLACE_KINDS, type PlaceKind as PlaceKindName } from '../../db/identifier.whitelist';
import { Entity, Node } from '../entity/entity.type';

export const PlaceKind = kindEnum(PLACE_KINDS);
registerEnumType(PlaceKind, { name: 'PlaceKind', description: 'Country > Region > City.' });

@InterfaceType({
  implements: [Entity, Node],
  description: 'Where institutions are and events happen: a country, a region within it, a city within that.',
  resolveType: (value: { __typename: string }) => value.__typename,
})
export abstract class Place extends Entity {
  @Field(() => PlaceKind)
  kind!: PlaceKindName;
}

@ObjectType({ implements: [Place, Entity, Node], description: 'A country, named after ISO 3166.' })
export class Country extends Place {
  @Field({ description: 'ISO 3166-1 alpha-2 code, such as MN.' })
  code!: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code, such as MNG.' })
  alpha3!: string;
}

@ObjectType({ implements: [Place, Entity, Node], description: 'A province, autonomous region or state.' })
export class Region extends Place {}

@ObjectType({ implements: [Place, Entity, Node] })
export class City extends Place {}

export const PLACE_TYPES = [Country, Region, City];

export enum CountrySource {
  STATED = 'STATED',
  INFERRED = 'INFERRED',
}
registerEnumType(CountrySource, {
  name: 'CountrySource',
  description: 'Where a country comes from.',
  valuesConfig: {
    STATED: { description: 'Its own place: the country it is in, or the one its region or city is within.' },
    INFERRED: { description: 'The nearest PART_OF ancestor with a country: a department, its ministry.' },
  },
});
