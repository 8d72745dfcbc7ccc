#!/usr/bin/env bash
# Rolls a release out in order: configuration, the topic and migration jobs (each must complete),
# then the services, waiting for each Deployment to become ready.
#   IMAGE_TAG=0.1.0 bash deploy/k8s/rollout.sh        (kubectl pointed at the cluster)
# The Secret `course-payments-secrets` must exist first (README.md beside this file).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ns=course-payments
tag="${IMAGE_TAG:-0.1.0}"

kubectl apply -f base/namespace.yaml -f base/config.yaml
kubectl -n "$ns" get secret course-payments-secrets >/dev/null

for job in provision-topics migrate; do
  # A Job's pod template cannot change: each release runs a fresh one.
  kubectl -n "$ns" delete job "$job" --ignore-not-found --wait=true
  sed "s|:0.1.0|:$tag|" "jobs/$job.yaml" | kubectl apply -f -
  kubectl -n "$ns" wait --for=condition=complete --timeout=30m "job/$job"
done

for app in order-ledger entitlements checkout webhook-ingest gateway; do
  sed "s|:0.1.0|:$tag|" "apps/$app.yaml" | kubectl apply -f -
done
for app in order-ledger entitlements checkout webhook-ingest gateway; do
  kubectl -n "$ns" rollout status "deployment/$app" --timeout=10m
done
