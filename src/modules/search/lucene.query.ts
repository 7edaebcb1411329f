const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Escapes every character Lucene's query parser treats as syntax. */
export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/**
 * A Lucene query from what a person typed: the words are found anywhere in a name or alias, the last one also
 * as a prefix (so results come while typing), all of them required. Operators, quotes, wildcards and field
 * names are never syntax; words that are only punctuation are dropped. Returns undefined when no word is left.
 */
export function toLuceneQuery(input: string): string | undefined {
  const words = input.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return undefined;
  return words
    .map((word, i) => {
      const term = escapeLucene(word);
      return i === words.length - 1 ? `(${term}^2 OR ${term}*)` : term;
    })
    .join(' AND ');
}

/** A Lucene query for any of the words in `texts`: how ingest finds candidates for a mention. */
export function anyWordQuery(texts: string[]): string | undefined {
  // Lucene allows 1024 clauses; a mention's candidates need far fewer words than that.
  const words = [...new Set(texts.flatMap((t) => t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []))].slice(
    0,
    100,
  );
  return words.length === 0 ? undefined : words.map(escapeLucene).join(' OR ');
}
