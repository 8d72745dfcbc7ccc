import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Where a workspace source file lands under `dist`: same layout, `.js` for `.ts`. */
export function outputPathOf(root: string, dist: string, file: string): string {
  const inside = relative(root, file);
  if (inside.startsWith('..')) throw new Error(`${file} is outside the workspace`);
  return join(dist, inside.replace(/\.ts$/, '.js'));
}

/** The relative specifiers of `require("./...")` calls in compiled code: the workspace files it needs. */
export function workspaceRequires(code: string): string[] {
  return [...code.matchAll(/\brequire\("(\.{1,2}\/[^"]*)"\)/g)].map((match) => match[1]);
}

/** The TypeScript file a relative specifier names: `x.ts`, or `x/index.ts`. */
export function resolveWorkspaceImport(fromFile: string, specifier: string, exists: (path: string) => boolean = existsSync): string {
  const base = resolve(dirname(fromFile), specifier);
  const found = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => exists(candidate));
  if (!found) throw new Error(`${fromFile} requires "${specifier}", which is not a TypeScript file of the workspace`);
  return found;
}
