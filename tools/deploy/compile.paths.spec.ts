import { outputPathOf, resolveWorkspaceImport, workspaceRequires } from './compile.paths';

describe('compiling the workspace into dist/', () => {
  it('keeps the folder layout and turns .ts into .js', () => {
    expect(outputPathOf('/w', '/w/dist', '/w/apps/checkout/src/main.ts')).toBe('/w/dist/apps/checkout/src/main.js');
    expect(outputPathOf('/w', '/w/dist', '/w/libs/money/src/index.ts')).toBe('/w/dist/libs/money/src/index.js');
  });

  it('refuses a file outside the workspace', () => {
    expect(() => outputPathOf('/w', '/w/dist', '/elsewhere/x.ts')).toThrow('/elsewhere/x.ts is outside the workspace');
  });

  it('follows relative requires only (aliases are already rewritten), leaving packages to node_modules', () => {
    const code = 'const a = require("./a");\nconst b = require("../../../libs/money/src");\nconst c = require("kafkajs");\nconst d = require("node:fs");';
    expect(workspaceRequires(code)).toEqual(['./a', '../../../libs/money/src']);
  });

  it('resolves a specifier to its file or its folder index, and names one that is neither', () => {
    const files = new Set(['/w/apps/x/src/a.ts', '/w/libs/money/src/index.ts']);
    const exists = (path: string) => files.has(path);
    expect(resolveWorkspaceImport('/w/apps/x/src/main.ts', './a', exists)).toBe('/w/apps/x/src/a.ts');
    expect(resolveWorkspaceImport('/w/apps/x/src/main.ts', '../../../libs/money/src', exists)).toBe('/w/libs/money/src/index.ts');
    expect(() => resolveWorkspaceImport('/w/apps/x/src/main.ts', './gone', exists)).toThrow('/w/apps/x/src/main.ts requires "./gone", which is not a TypeScript file of the workspace');
  });
});
