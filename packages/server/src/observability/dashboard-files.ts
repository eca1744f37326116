import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';

/** Where `npm run build -w @sluice/dashboard` puts the built dashboard (next to this package). */
export const defaultDashboardDirectory = fileURLToPath(
  new URL('../../../dashboard/dist/', import.meta.url),
);

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/**
 * Serves the built dashboard under /dashboard. Hashed assets are cached for a year; index.html
 * never (so a new build is picked up). Any path that is not a file gets index.html, so the
 * single-page app's own routes (#/queues/...) and reloads work. Paths never leave the directory.
 */
export async function serveDashboardFile(
  directory: string,
  pathname: string,
  response: ServerResponse,
): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname.replace(/^\/dashboard\/?/, '')));
  const wanted = relative === '.' || relative === '' ? 'index.html' : relative;
  const resolved = join(directory, wanted);
  const inside = resolved.startsWith(directory.endsWith(sep) ? directory : directory + sep);
  const file = inside ? await readOrUndefined(resolved) : undefined;
  if (file !== undefined && wanted !== 'index.html') {
    response.writeHead(200, {
      'content-type': contentTypes[extname(resolved)] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=31536000, immutable',
      'content-length': file.length,
    });
    response.end(file);
    return;
  }
  const index = await readOrUndefined(join(directory, 'index.html'));
  if (index === undefined) {
    const text = 'The dashboard is not built. Run `npm run build` at the repository root.\n';
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    return;
  }
  response.writeHead(200, {
    'content-type': contentTypes['.html'] as string,
    'cache-control': 'no-cache',
    'content-length': index.length,
  });
  response.end(index);
}

async function readOrUndefined(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}
