import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * A Cucumber suite: a folder holding Gherkin specs (`features/login.feature`) and, below it, the code that runs them
 * (`features/step_definitions/`, `features/support/`: the world, hooks, helpers that open pull requests or call a
 * test deployment). That code is a test suite's, whatever its folders are called; a product's own `features/support/`
 * folder (a help-desk feature of a front end) holds no `.feature` file.
 */

/** Folders above a file looked at, up to its package's root. */
const MAX_DEPTH = 4;
const holdsSpecs = new Map<string, boolean>();

/** Whether a folder above the file, within its package, holds `.feature` files. */
export function inGherkinSuite(path: string): boolean {
  let folder = dirname(isAbsolute(path) ? path : resolve(path));
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (holdsFeatureFiles(folder)) return true;
    const parent = dirname(folder);
    if (parent === folder || isPackageRoot(folder)) return false;
    folder = parent;
  }
  return false;
}

/** Asked for every linted file's folders: a folder's answer is kept until `forgetGherkinSuites`. */
const packageRoots = new Map<string, boolean>();

function isPackageRoot(folder: string): boolean {
  let known = packageRoots.get(folder);
  if (known === undefined) {
    known = existsSync(join(folder, 'package.json'));
    packageRoots.set(folder, known);
  }
  return known;
}

function holdsFeatureFiles(folder: string): boolean {
  let known = holdsSpecs.get(folder);
  if (known === undefined) {
    try {
      known = readdirSync(folder).some((name) => name.endsWith('.feature'));
    } catch {
      known = false;
    }
    holdsSpecs.set(folder, known);
  }
  return known;
}

/** Forget what folders held (files moved or were added): the next lint looks again. */
export function forgetGherkinSuites(): void {
  holdsSpecs.clear();
  packageRoots.clear();
}
