import fs from 'node:fs';
import path from 'node:path';
import { printAppSchema } from '../../src/graphql/schema.build';

describe('schema/schema.graphql', () => {
  it('is what the code emits (run `npm run schema` after changing the schema)', async () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(committed).toBe(await printAppSchema());
  });
});
