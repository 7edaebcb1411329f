/** Cypher that adds to the list property `target` the items of `list` it does not hold yet. */
export const union = (target: string, list: string): string =>
  `reduce(acc = coalesce(${target}, []), item IN ${list} | CASE WHEN item IN acc THEN acc ELSE acc + item END)`;

/** The same for names: a spelling that differs from one already there only by case adds nothing. */
export const unionIgnoringCase = (target: string, list: string): string =>
  `reduce(acc = coalesce(${target}, []), item IN ${list} | CASE WHEN item IS NULL OR toLower(item) IN [known IN acc | toLower(known)] THEN acc ELSE acc + item END)`;
