const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Escapes every character Lucene's query parser treats as syntax. */
export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/**
 * The most terms a query built here holds. Lucene refuses a query of more than 1,024 clauses, and the index
 * searches every term in each of its two properties (name, searchText): this leaves room to spare.
 */
export const MAX_QUERY_TERMS = 200;

const WORD = /[\p{L}\p{N}]+/gu;
/** Characters the standard analyzer makes a term each: a run of them is as many terms as characters. */
const ONE_TERM_EACH = /([\p{Script=Han}\p{Script=Hiragana}])/u;

/** The terms the index's standard analyzer makes of a word: one for a word in most scripts, one per ideograph. */
const termsOf = (word: string): string[] => word.split(ONE_TERM_EACH).filter((part) => part !== '');

/** The words of `text`, lower case, up to MAX_QUERY_TERMS terms: a word that would pass it is cut short. */
function wordsWithin(text: string): string[] {
  const words: string[] = [];
  let room = MAX_QUERY_TERMS;
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    const terms = termsOf(word);
    if (terms.length > room) {
      if (room > 0) words.push(terms.slice(0, room).join(''));
      break;
    }
    words.push(word);
    room -= terms.length;
  }
  return words;
}

/**
 * A Lucene query from what a person typed: the words are found anywhere in a name or alias, the last one also
 * as a prefix (so results come while typing), all of them required. Operators, quotes, wildcards and field
 * names are never syntax; words that are only punctuation are dropped, and terms past MAX_QUERY_TERMS.
 * Returns undefined when no word is left.
 */
export function toLuceneQuery(input: string): string | undefined {
  const words = wordsWithin(input);
  if (words.length === 0) return undefined;
  return words
    .map((word, i) => {
      const term = escapeLucene(word);
      return i === words.length - 1 ? `(${term}^2 OR ${term}*)` : term;
    })
    .join(' AND ');
}

/**
 * A Lucene query for any of the terms of `texts`: how ingest finds candidates for a mention. A mention's
 * candidates need far fewer terms than MAX_QUERY_TERMS; a long alias in Chinese would make thousands.
 */
export function anyWordQuery(texts: string[]): string | undefined {
  const terms = [...new Set(texts.flatMap((t) => (t.toLowerCase().match(WORD) ?? []).flatMap(termsOf)))];
  const kept = terms.slice(0, MAX_QUERY_TERMS);
  return kept.length === 0 ? undefined : kept.map(escapeLucene).join(' OR ');
}
