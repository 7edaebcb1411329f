import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../common/app.errors';
import type { Config } from '../config/app.config';

export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  roles: Role[];
}

/** admin can do what editor can, editor what reader can. */
export function hasRole(user: User | undefined, needed: Role): boolean {
  const rank = (role: Role): number => ROLES.indexOf(role);
  return user !== undefined && user.roles.some((role) => rank(role) >= rank(needed));
}

/** Verifies bearer tokens (HS256 with a shared secret, or keys from a JWKS address) and reads their roles. */
export class AuthService {
  private readonly key: Uint8Array | JWTVerifyGetKey | undefined;

  constructor(private readonly config: Config['auth']) {
    if (config.jwtSecret) this.key = new TextEncoder().encode(config.jwtSecret);
    else if (config.jwksUrl) this.key = createRemoteJWKSet(new URL(config.jwksUrl));
  }

  get enabled(): boolean {
    return this.config.enabled;
  }

  /** The user a request's Authorization header names; undefined without one. A bad token is an error. */
  async authenticate(header: string | undefined): Promise<User | undefined> {
    if (!this.enabled || header === undefined || header === '') return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
    try {
      const verify = {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.jwtSecret ? ['HS256'] : this.config.jwksAlgorithms,
        requiredClaims: ['exp'],
      };
      const { payload } =
        this.key instanceof Uint8Array
          ? await jwtVerify(match[1] as string, this.key, verify)
          : await jwtVerify(match[1] as string, this.key as JWTVerifyGetKey, verify);
      // A stolen token is good until it expires: none may promise more than the configured lifetime. An
      // iat in the future would stretch it, so the lifetime counts from now at the latest.
      const now = Math.floor(Date.now() / 1000);
      const lifetime = (payload.exp as number) - Math.min(payload.iat ?? now, now);
      if (lifetime > this.config.maxTokenTtlSeconds)
        throw new Error(`token lifetime ${lifetime} s is over ${this.config.maxTokenTtlSeconds} s`);
      const claimed = Array.isArray(payload.roles)
        ? payload.roles
        : typeof payload.role === 'string'
          ? [payload.role]
          : [];
      return {
        id: payload.sub ?? 'unknown',
        roles: claimed.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r)),
      };
    } catch (error) {
      throw new AppError(
        'UNAUTHENTICATED',
        'The bearer token is invalid, has expired, or does not expire within the allowed lifetime.',
        {},
        { cause: error },
      );
    }
  }

  /** Asks for a role: UNAUTHENTICATED without a user, FORBIDDEN with one who lacks it. Always passes when auth is off. */
  require(user: User | undefined, role: Role, what: string): void {
    if (!this.enabled) return;
    if (user === undefined)
      throw new AppError('UNAUTHENTICATED', `${what} needs a bearer token with the ${role} role.`);
    if (!hasRole(user, role)) throw new AppError('FORBIDDEN', `${what} needs the ${role} role.`);
  }
}

/** The seconds from a token's iat to its exp, unverified: for checking a token this process just made. */
export function lifetimeOf(token: string): number {
  const { iat, exp } = decodeJwt(token);
  return (exp ?? Infinity) - (iat ?? 0);
}

/** A token for local use, signed with the configured secret (what `npm run token` prints). */
export async function mintToken(
  secret: string,
  subject: string,
  roles: Role[],
  ttl: string,
): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
