import { parseArgs } from 'node:util';
import { mintToken, ROLES, type Role } from '../auth/auth.service';

/** npm run token -- --role editor [--sub alice] [--ttl 8h]: a bearer token signed with AUTH_JWT_SECRET. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', default: 'reader' },
      sub: { type: 'string', default: 'local-user' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret || secret.length < 32)
    throw new Error('set AUTH_JWT_SECRET (32 characters or more) to the secret the API uses');
  if (!(ROLES as readonly string[]).includes(values.role))
    throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  process.stdout.write(`${await mintToken(secret, values.sub, [values.role as Role], values.ttl)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${(error as Error).message}\n`);
  process.exit(1);
});
