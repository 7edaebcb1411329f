import neo4j from 'neo4j-driver';
import { WEB_ADDRESS_PATTERN } from '../../common/web.address';
import type { Database } from '../../db/neo4j.database';

export interface RefusedAddresses {
  /** How many stored sources have an address that ingest now refuses. */
  count: number;
  /** The first of them, by id. */
  sources: { id: string; url: string }[];
}

export class SourceRepository {
  constructor(private readonly db: Database) {}

  /** Stored sources whose address ingest would refuse today (stored before it checked the scheme). */
  async refusedAddresses(limit: number): Promise<RefusedAddresses> {
    const records = await this.db.query(
      `MATCH (s:Source) WHERE s.url IS NOT NULL AND NOT s.url =~ $pattern
       WITH s ORDER BY s.id
       RETURN count(s) AS count, collect({id: s.id, url: s.url})[..$limit] AS sources`,
      { pattern: WEB_ADDRESS_PATTERN, limit: neo4j.int(limit) },
    );
    const record = records[0];
    return {
      count: (record?.get('count') as number | undefined) ?? 0,
      sources: (record?.get('sources') as RefusedAddresses['sources'] | undefined) ?? [],
    };
  }
}
