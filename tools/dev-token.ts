// Prints an HS256 bearer token for local use: npm run --silent dev:token -- <userId> [admin]
import { SignJWT } from 'jose';
import { DEV_SECRETS } from '@payments/testing';

async function main(): Promise<void> {
  const [userId = 'user-1', role] = process.argv.slice(2);
  const secret = new TextEncoder().encode(process.env.JWT_SECRET ?? DEV_SECRETS.JWT_SECRET);
  const token = await new SignJWT({ roles: role === 'admin' ? ['admin'] : [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(secret);
  console.log(token);
}

void main();
