/**
 * The only addresses kept and drawn as links: http or https, with a host. Anything else (javascript:, data:,
 * file:, a bare path) would be a script or a local file in a client that renders it as a link. One pattern,
 * read alike by JavaScript (ingest, the explorer) and by Cypher's =~ (the start-up check of stored data).
 */
export const WEB_ADDRESS_PATTERN =
  '^[Hh][Tt][Tt][Pp][Ss]?://[^\\x00-\\x20\\x7F/?#]+([/?#][^\\x00-\\x20\\x7F]*)?$';

const webAddress = new RegExp(WEB_ADDRESS_PATTERN);

export const isWebAddress = (value: string): boolean => webAddress.test(value);
