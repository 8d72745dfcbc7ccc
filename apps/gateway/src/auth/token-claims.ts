import { GatewayError } from '../gateway.error';

/** Who is calling, as the verified bearer token says. */
export interface AuthenticatedUser {
  readonly id: string;
  readonly roles: readonly string[];
  readonly email?: string;
}

/** The role that may see every order and request refunds. */
export const ADMIN_ROLE = 'admin';

/** Message contracts carry user ids of at most 255 characters. */
const MAX_SUBJECT_LENGTH = 255;
const MAX_EMAIL_LENGTH = 254;

/** `roles` as an array of strings, or one space-separated string (as some identity providers send scopes). */
export function rolesFromClaim(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(' ').filter((role) => role !== '');
  if (Array.isArray(claim)) return claim.filter((role): role is string => typeof role === 'string' && role !== '');
  return [];
}

/** The caller from a verified token's claims: `sub` is the user, `roles` may hold 'admin'. */
export function userFromClaims(claims: Record<string, unknown>): AuthenticatedUser {
  const { sub, roles, email } = claims;
  if (typeof sub !== 'string' || sub.trim() === '') throw new GatewayError('AUTH.UNAUTHENTICATED', 'the bearer token has no subject');
  if (sub.length > MAX_SUBJECT_LENGTH) throw new GatewayError('AUTH.UNAUTHENTICATED', 'the bearer token subject is too long');
  return { id: sub, roles: rolesFromClaim(roles), ...(typeof email === 'string' && email.length <= MAX_EMAIL_LENGTH ? { email } : {}) };
}

export function isAdmin(user: AuthenticatedUser): boolean {
  return user.roles.includes(ADMIN_ROLE);
}
