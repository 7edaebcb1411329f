import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { AuthService, mintToken } from '../../src/auth/auth.service';
import { loadConfig } from '../../src/config/app.config';

const SECRET = 'unit-test-secret-that-is-long-enough';
const now = (): number => Math.floor(Date.now() / 1000);

async function hs256(payload: JWTPayload): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
}

/** The user a token stands for, or the error code it is refused with. */
async function verdict(auth: AuthService, token: string): Promise<string> {
  try {
    const user = await auth.authenticate(`Bearer ${token}`);
    return `user ${user?.id}`;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('tokens signed with AUTH_JWT_SECRET', () => {
  const auth = new AuthService(loadConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: SECRET }).auth);

  it('accepts what `npm run token` issues by default (8 hours)', async () => {
    expect(await verdict(auth, await mintToken(SECRET, 'cli', ['editor'], '8h'))).toBe('user cli');
  });

  it('refuses a token without exp, which would never expire', async () => {
    expect(await verdict(auth, await hs256({ sub: 'forever', roles: ['admin'], iat: now() }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a token that lives longer than AUTH_MAX_TOKEN_TTL (24 h by default), however its iat is set', async () => {
    const month = 30 * 86_400;
    expect(await verdict(auth, await hs256({ sub: 'a', iat: now(), exp: now() + month }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await verdict(auth, await hs256({ sub: 'b', exp: now() + month }))).toBe('UNAUTHENTICATED');
    expect(await verdict(auth, await hs256({ sub: 'c', iat: now() + month - 60, exp: now() + month }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await verdict(auth, await hs256({ sub: 'd', iat: now(), exp: now() + 3_600 }))).toBe('user d');
    const short = new AuthService(
      loadConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: SECRET, AUTH_MAX_TOKEN_TTL: '600' }).auth,
    );
    expect(await verdict(short, await hs256({ sub: 'e', iat: now(), exp: now() + 3_600 }))).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('tokens verified with the keys at AUTH_JWKS_URL', () => {
  let server: http.Server;
  let privateKey: KeyLike;
  let url: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1' }] });
    server = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const signed = (alg: string, payload: JWTPayload = { sub: 'idp-user', iat: now(), exp: now() + 600 }) =>
    new SignJWT(payload).setProtectedHeader({ alg, kid: 'k1' }).sign(privateKey);

  it('accepts the pinned algorithms only (RS256, ES256, EdDSA by default), not another the key could verify', async () => {
    const auth = new AuthService(loadConfig({ NODE_ENV: 'test', AUTH_JWKS_URL: url }).auth);
    expect(await verdict(auth, await signed('RS256'))).toBe('user idp-user');
    expect(await verdict(auth, await signed('PS256'))).toBe('UNAUTHENTICATED');
    expect(await verdict(auth, await signed('RS256', { sub: 'no-exp', iat: now() }))).toBe('UNAUTHENTICATED');
    const configured = new AuthService(
      loadConfig({ NODE_ENV: 'test', AUTH_JWKS_URL: url, AUTH_JWKS_ALGORITHMS: 'PS256' }).auth,
    );
    expect(await verdict(configured, await signed('PS256'))).toBe('user idp-user');
    expect(await verdict(configured, await signed('RS256'))).toBe('UNAUTHENTICATED');
  });
});
