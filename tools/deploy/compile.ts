// Compiles entry points and every workspace file they reach into dist/, keeping the folder layout
// (apps/x/src/main.ts -> dist/apps/x/src/main.js, with a .js.map beside it):
//   node -r @swc-node/register tools/deploy/compile.ts apps/checkout/src/main.ts [more entries...]
// The same swc transform as the development path (@swc-node/register), so compiled and transpiled
// starts run the same code; tsconfig path aliases become relative requires at compile time.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Options, transformFileSync } from '@swc/core';
import { outputPathOf, resolveWorkspaceImport, workspaceRequires } from './compile.paths';

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist');
const { paths } = (JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions;

function swcOptions(file: string): Options {
  const out = outputPathOf(ROOT, DIST, file);
  return {
    filename: file,
    sourceFileName: relative(dirname(out), file),
    sourceMaps: true,
    // Maps name the TypeScript file and line but do not carry its text: no source ships in dist/.
    inlineSourcesContent: false,
    swcrc: false,
    configFile: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      baseUrl: ROOT,
      paths,
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  };
}

/** Writes through a temporary file, so builds of several apps sharing a library never leave half a file. */
function writeAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/** Compiles `entries` and what they import from the workspace; returns the files compiled. */
export function compile(entries: readonly string[]): string[] {
  const queue = entries.map((entry) => resolve(ROOT, entry));
  const done = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const out = outputPathOf(ROOT, DIST, file);
    const { code, map } = transformFileSync(file, swcOptions(file));
    writeAtomically(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
    if (map) writeAtomically(`${out}.map`, map);
    for (const specifier of workspaceRequires(code)) queue.push(resolveWorkspaceImport(file, specifier));
  }
  return [...done];
}

if (require.main === module) {
  const entries = process.argv.slice(2);
  if (entries.length === 0) {
    console.error('usage: compile.ts <entry.ts>...');
    process.exit(2);
  }
  try {
    const files = compile(entries);
    console.log(`compiled ${files.length} files into ${relative(process.cwd(), DIST) || DIST} from ${entries.join(', ')}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
