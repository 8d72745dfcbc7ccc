import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import express, { NextFunction, Request, Response, Router } from 'express';
import { WEB_SECURITY_HEADERS } from './content-security-policy';
import { WebConfig } from './web.config';

export const WEB_APP_PATH = '/app';

/** Hashed file names under assets/ never change content; index.html is always read fresh. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function securityHeaders(_request: Request, response: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(WEB_SECURITY_HEADERS)) response.setHeader(name, value);
  next();
}

/**
 * Serves the built storefront and operations console under /app/ with the security headers: files
 * from the build, and index.html for any other GET below /app/ (the pages route in the browser).
 * `/` redirects there. Without a build, /app/ is a 404 that says how to build it.
 */
export function webAppRouter(config: WebConfig): Router {
  const router = express.Router();
  router.get('/', (_request, response) => response.redirect(302, `${WEB_APP_PATH}/`));
  const index = join(config.appDir, 'index.html');
  if (!existsSync(index)) {
    router.get(`${WEB_APP_PATH}{/*path}`, securityHeaders, (_request, response) => {
      response.status(404).type('text/plain').send('The web pages are not built: run `npx nx run web:build` (npm start and npm test do).\n');
    });
    return router;
  }
  router.use(WEB_APP_PATH, securityHeaders, express.static(config.appDir, {
    index: false,
    setHeaders: (response, path) => response.setHeader('Cache-Control', path.includes(`${sep}assets${sep}`) ? IMMUTABLE : 'no-cache'),
  }));
  router.get(`${WEB_APP_PATH}{/*path}`, (_request, response) => response.setHeader('Cache-Control', 'no-cache').sendFile(index));
  return router;
}
