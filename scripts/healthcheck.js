// The app images' HEALTHCHECK: exits 0 when the app answers 200 on its own health route.
// The image target names them: HEALTH_PATH, and HEALTH_PORT_VARIABLE, the variable holding the
// app's port (CHECKOUT_PORT...), so the check follows a port the deployment overrides.
const variable = process.env.HEALTH_PORT_VARIABLE;
const path = process.env.HEALTH_PATH;
const port = Number(variable ? process.env[variable] : undefined);
if (!path || !Number.isInteger(port) || port <= 0) {
  console.error(`healthcheck: HEALTH_PATH and a port in HEALTH_PORT_VARIABLE are required (${variable ?? 'unset'}=${variable ? process.env[variable] : ''})`);
  process.exit(2);
}
fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2500) })
  .then((response) => process.exit(response.status === 200 ? 0 : 1))
  .catch(() => process.exit(1));
