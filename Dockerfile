# syntax=docker/dockerfile:1
# One build, one small image per app. The `build` stage compiles every app once (npm run build);
# `runtime` holds the production dependencies and the compiled dist/ only: no TypeScript source,
# no dev dependencies, no secrets (all configuration comes from the environment at run time).
#   docker build --target checkout -t course-payments/checkout .
#   docker build --target runtime  -t course-payments/jobs .     # migrations and topic provisioning
# Each app target runs as the unprivileged `node` user with a HEALTHCHECK on its own health route.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nx.json tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
COPY tools ./tools
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    KAFKA_CREATE_TOPICS=false \
    DATABASE_MIGRATE_AT_START=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /workspace/dist ./dist
COPY scripts/migrate.sh scripts/healthcheck.js ./scripts/
USER node
# The jobs image: `bash scripts/migrate.sh` (every schema), or `node dist/tools/deploy/provision-topics.js`.
ENV APP_RUNTIME=compiled
CMD ["bash", "scripts/migrate.sh"]

# What every app target shares: a HEALTHCHECK on the route and port variable the target names, so
# the check follows a port the deployment overrides.
FROM runtime AS app
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.js"]

FROM app AS gateway
ENV GATEWAY_PORT=3000 HEALTH_PORT_VARIABLE=GATEWAY_PORT HEALTH_PATH=/health/ready
# The storefront and console pages built by the web app's build target.
ENV WEB_APP_DIR=/app/dist/apps/web
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/apps/gateway/src/main.js"]

FROM app AS webhook-ingest
ENV WEBHOOK_INGEST_PORT=3001 HEALTH_PORT_VARIABLE=WEBHOOK_INGEST_PORT HEALTH_PATH=/health/ready
EXPOSE 3001
CMD ["node", "--enable-source-maps", "dist/apps/webhook-ingest/src/main.js"]

FROM app AS checkout
ENV CHECKOUT_PORT=3002 HEALTH_PORT_VARIABLE=CHECKOUT_PORT HEALTH_PATH=/health/ready
EXPOSE 3002
CMD ["node", "--enable-source-maps", "dist/apps/checkout/src/main.js"]

FROM app AS order-ledger
ENV ORDER_LEDGER_PORT=3003 HEALTH_PORT_VARIABLE=ORDER_LEDGER_PORT HEALTH_PATH=/health/ready
EXPOSE 3003
CMD ["node", "--enable-source-maps", "dist/apps/order-ledger/src/main.js"]

FROM app AS entitlements
ENV ENTITLEMENTS_PORT=3004 HEALTH_PORT_VARIABLE=ENTITLEMENTS_PORT HEALTH_PATH=/health/ready
EXPOSE 3004
CMD ["node", "--enable-source-maps", "dist/apps/entitlements/src/main.js"]

# Development and test only: the offline stand-in for Stripe and Cashfree.
FROM app AS provider-sandbox
ENV SANDBOX_PORT=4010 HEALTH_PORT_VARIABLE=SANDBOX_PORT HEALTH_PATH=/health
EXPOSE 4010
CMD ["node", "--enable-source-maps", "dist/apps/provider-sandbox/src/main.js"]
