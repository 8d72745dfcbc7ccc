/** Who is signed in in this tab: the bearer token and what it says (read for display only; the gateway verifies it). */
export interface Session {
  readonly token: string;
  readonly userId: string;
  readonly roles: readonly string[];
}

const KEY = 'payments.session';

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** What a token's payload claims (sub, roles), without verifying it. */
export function sessionFromToken(token: string): Session {
  const [, payload = ''] = token.split('.');
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; roles?: string[] | string };
  const roles = Array.isArray(claims.roles) ? claims.roles : typeof claims.roles === 'string' ? claims.roles.split(' ') : [];
  return { token, userId: claims.sub ?? '', roles };
}

export const isAdminSession = (session: Session | null): boolean => session?.roles.includes('admin') ?? false;
