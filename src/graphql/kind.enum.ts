/** A GraphQL enum object ({ MINISTRY: 'MINISTRY', ... }) from a whitelist of kinds and their labels. */
export function kindEnum<K extends string>(kinds: Record<K, string>): { [Key in K]: Key } {
  return Object.fromEntries(Object.keys(kinds).map((k) => [k, k])) as { [Key in K]: Key };
}
