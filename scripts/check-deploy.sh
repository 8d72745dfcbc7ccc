#!/usr/bin/env bash
# Checks the deployment files that no test here can run (there is no Docker engine on these
# machines): `docker-compose config` validates docker-compose.yml against the Compose schema and
# resolves its anchors and variables without an engine. The Dockerfile and the Kubernetes
# manifests are checked by unit tests (tools/deploy/*.spec.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yml config --quiet
  echo "docker-compose.yml: valid ($(docker-compose version --short))"
elif docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config --quiet
  echo "docker-compose.yml: valid (docker compose $(docker compose version --short))"
else
  echo "docker-compose.yml: NOT CHECKED - neither docker-compose nor the docker compose plugin is installed (apt-get install docker-compose)"
fi
