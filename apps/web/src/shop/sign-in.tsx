import { useState } from 'preact/hooks';
import { api } from '../api/http';
import { saveSession, sessionFromToken } from '../api/session';
import { StorefrontSettings } from '../api/types';
import { ErrorNotice } from '../components/error-notice';

/**
 * Development: a user id (and the admin role, for the console) signs in through the gateway's
 * development issuer. Elsewhere: paste a bearer token from the identity provider.
 */
export function SignIn(props: { settings: StorefrontSettings | null; onSignedIn: () => void }) {
  const [userId, setUserId] = useState('buyer-1');
  const [admin, setAdmin] = useState(false);
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);

  const signIn = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      if (props.settings?.devSignIn) {
        const answer = await api<{ token: string }>('/dev/sign-in', { method: 'POST', body: { userId, admin } });
        saveSession(sessionFromToken(answer.token));
      } else {
        saveSession(sessionFromToken(token.trim()));
      }
      props.onSignedIn();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="sign-in-title" class="card narrow">
      <h1 id="sign-in-title">Sign in</h1>
      <form onSubmit={signIn}>
        {props.settings?.devSignIn ? (
          <>
            <p class="hint">Development sign-in: tokens from this gateway&apos;s local issuer, trusted through JWT_JWKS_URL. Production cannot enable it.</p>
            <label for="sign-in-user">User id</label>
            <input id="sign-in-user" name="userId" value={userId} required maxLength={64} autoComplete="username" onInput={(e) => setUserId(e.currentTarget.value)} />
            <label class="check">
              <input type="checkbox" name="admin" checked={admin} onChange={(e) => setAdmin(e.currentTarget.checked)} /> Sign in as an admin (operations console)
            </label>
          </>
        ) : (
          <>
            <label for="sign-in-token">Bearer token from your identity provider</label>
            <textarea id="sign-in-token" name="token" required rows={4} value={token} onInput={(e) => setToken(e.currentTarget.value)} />
          </>
        )}
        <button type="submit">Sign in</button>
      </form>
      <ErrorNotice error={error} />
    </section>
  );
}
