#!/usr/bin/env bash
# Applies every service's pending migrations to DATABASE_URL (else 127.0.0.1:5432) without starting
# any service; each schema migrates under its own advisory lock, so a second run waits, then finds
# nothing to do. APP_RUNTIME=compiled runs the built output (npm run build; the image's migrations
# job) instead of the TypeScript source.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for app in gateway checkout webhook-ingest order-ledger entitlements; do
  if [[ "${APP_RUNTIME:-source}" == compiled ]]; then
    node --enable-source-maps "dist/apps/$app/src/migrate.js"
  else
    node -r @swc-node/register "apps/$app/src/migrate.ts"
  fi
done
