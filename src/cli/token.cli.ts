import { parseArgs } from 'node:util';
import { lifetimeOf, mintToken, ROLES, type Role } from '../auth/auth.service';
import { loadConfig } from '../config/app.config';

/** npm run token -- --role editor [--sub alice] [--ttl 8h]: a bearer token signed with AUTH_JWT_SECRET. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', default: 'reader' },
      sub: { type: 'string', default: 'local-user' },
      ttl: { type: 'string', default: '8h' },
    },
  });
  // The API's own reading of the environment: the same secret, and the same longest lifetime it accepts.
  const { jwtSecret, maxTokenTtlSeconds } = loadConfig().auth;
  if (!jwtSecret) throw new Error('set AUTH_JWT_SECRET (32 characters or more) to the secret the API uses');
  if (!(ROLES as readonly string[]).includes(values.role))
    throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const token = await mintToken(jwtSecret, values.sub, [values.role as Role], values.ttl);
  if (lifetimeOf(token) > maxTokenTtlSeconds)
    throw new Error(`--ttl ${values.ttl} is longer than AUTH_MAX_TOKEN_TTL (${maxTokenTtlSeconds} s)`);
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${(error as Error).message}\n`);
  process.exit(1);
});
