import { join, resolve } from 'node:path';
import { appNodeArguments, appRuntimeFrom } from './app-process';

const ROOT = resolve(__dirname, '../../..');

describe('how the launcher runs an app', () => {
  it('runs the TypeScript source unless APP_RUNTIME says compiled', () => {
    expect(appRuntimeFrom({})).toBe('source');
    expect(appRuntimeFrom({ APP_RUNTIME: 'compiled' })).toBe('compiled');
    expect(() => appRuntimeFrom({ APP_RUNTIME: 'docker' })).toThrow('APP_RUNTIME must be source or compiled, got "docker"');
  });

  it('transpiles main.ts at start from source, and runs dist/ with source maps when compiled', () => {
    expect(appNodeArguments('checkout', 'source')).toEqual(['-r', '@swc-node/register', join(ROOT, 'apps', 'checkout', 'src', 'main.ts')]);
    expect(() => appNodeArguments('no-such-app', 'compiled')).toThrow(/no-such-app is not built \(no .*dist\/apps\/no-such-app\/src\/main\.js\): run npm run build first/);
  });
});
