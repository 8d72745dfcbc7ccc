// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas (the `kubernetes-models`
// package, ES modules only, hence a plain Node script that the Jest spec runs as a process):
//   node tools/deploy/k8s-validate.mjs deploy/k8s [more files or folders]
// Prints one JSON line per document, {file, apiVersion, kind, name, error}, and exits 1 if any failed.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

function yamlFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((entry) => {
    const child = join(path, entry);
    return statSync(child).isDirectory() || /\.ya?ml$/.test(entry) ? yamlFiles(child) : [];
  });
}

async function validateDocument(file, manifest) {
  const { apiVersion, kind } = manifest ?? {};
  const result = { file, apiVersion, kind, name: manifest?.metadata?.name ?? null, error: null };
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    new module[kind](manifest).validate();
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}

const paths = process.argv.slice(2);
let failed = paths.length === 0;
for (const file of paths.flatMap(yamlFiles)) {
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const result = document.errors.length > 0
      ? { file, apiVersion: null, kind: null, name: null, error: document.errors.map((error) => error.message).join('; ') }
      : await validateDocument(file, document.toJS());
    if (result.error) failed = true;
    console.log(JSON.stringify(result));
  }
}
process.exit(failed ? 1 : 0);
