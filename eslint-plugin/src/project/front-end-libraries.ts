import { dirname, isAbsolute, resolve } from 'node:path';
import { nearestPackage, type PackageInfo } from './package-info.js';
import { workspaceDependents } from './workspaces.js';

// A workspace package written for the repository's front ends: an app's API client or UI kit kept as a package of its
// own (`packages/openapi` beside `apps/web`). Its code says nothing of where it runs (no DOM global, no front-end
// import), so what its importers are tells: used by a page, it runs in the page. The rules take this as evidence, with
// something in the code that only a page can use (an HTTP client on a relative base URL, see own-origin.ts), never alone:
// such a package may be imported by the repository's server too.

const answers = new WeakMap<PackageInfo, boolean>();

/**
 * Whether the file sits in a package that is not a server (no server framework among its dependencies) and that a
 * front-end package of its workspace (React, Vue, Next.js...) depends on.
 */
export function inFrontEndLibrary(path: string): boolean {
  const absolute = isAbsolute(path) ? path : resolve(path);
  const info = nearestPackage(dirname(absolute));
  if (!info?.name || info.server) return false;
  let known = answers.get(info);
  if (known === undefined) {
    known = workspaceDependents(info.name, info.directory).some((folder) => folder !== info.directory && nearestPackage(folder)?.frontEnd === true);
    answers.set(info, known);
  }
  return known;
}
