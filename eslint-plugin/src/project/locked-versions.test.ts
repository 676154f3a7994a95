import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencyVersion } from './dependency-versions.js';

/**
 * A monorepo checked out but not installed, whose packages declare `"resend": "catalog:"`: the version its code runs
 * against is the one its lock pins (bun, npm, pnpm, yarn), or else the range its root catalog gives. Before, a
 * package asking for `catalog:` was taken as using the newest version, so a fix for a newer API was offered.
 */
function monorepo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'resilint-locked-'));
  mkdirSync(join(root, 'apps', 'api', 'src'), { recursive: true });
  writeFileSync(join(root, 'apps', 'api', 'package.json'), JSON.stringify({ name: 'api', dependencies: { resend: 'catalog:', zod: 'catalog:v3' } }));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  return join(root, 'apps', 'api', 'src', 'mail.ts');
}

const rootManifest = (catalog: Record<string, string>) => JSON.stringify({ name: 'shop', private: true, workspaces: ['apps/*'], catalog });

describe('the version of a dependency a file is written against', () => {
  it("reads bun.lock's pin, not only the root catalog's range", () => {
    const file = monorepo({
      'package.json': rootManifest({ resend: '^6.9.4' }),
      'bun.lock': `{\n  "lockfileVersion": 1,\n  "packages": {\n    "resend": ["resend@6.12.0", "", { "dependencies": { "svix": "1.86.0" } }, "sha512-x"],\n    "svix": ["svix@1.86.0", "", {}, "sha512-y"],\n  }\n}\n`,
    });
    expect(dependencyVersion(file, 'resend')).toEqual({ major: 6, minor: 12 });
  });

  it("reads the root catalog's range where no lock pins the package", () => {
    const file = monorepo({ 'package.json': rootManifest({ resend: '^6.9.4' }) });
    expect(dependencyVersion(file, 'resend')).toEqual({ major: 6, minor: 9 });
  });

  it('reads a catalog kept under workspaces, and takes no version from the name of a named catalog', () => {
    const file = monorepo({ 'package.json': JSON.stringify({ private: true, workspaces: { packages: ['apps/*'], catalog: { resend: '~4.1.0' } } }) });
    expect(dependencyVersion(file, 'resend')).toEqual({ major: 4, minor: 1 });
    expect(dependencyVersion(file, 'zod')).toBeUndefined();
  });

  it("reads package-lock.json's top-level copy, and the lowest of several", () => {
    const file = monorepo({
      'package.json': rootManifest({}),
      'package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'shop' },
          'node_modules/resend': { version: '6.40.1' },
          'node_modules/mailer/node_modules/resend': { version: '6.20.0' },
        },
      }, null, 2),
    });
    expect(dependencyVersion(file, 'resend')).toEqual({ major: 6, minor: 20 });
  });

  it("reads pnpm-lock.yaml's and yarn.lock's entries", () => {
    const pnpm = monorepo({
      'package.json': rootManifest({}),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n\npackages:\n\n  resend@6.9.4:\n    resolution: {integrity: sha512-x}\n\n  svix@1.86.0:\n    resolution: {integrity: sha512-y}\n",
    });
    expect(dependencyVersion(pnpm, 'resend')).toEqual({ major: 6, minor: 9 });
    const yarn = monorepo({
      'package.json': rootManifest({}),
      'yarn.lock': '"resend@^6.0.0", resend@^6.30.0:\n  version "6.31.2"\n  resolved "https://registry.example/resend-6.31.2.tgz"\n',
    });
    expect(dependencyVersion(yarn, 'resend')).toEqual({ major: 6, minor: 31 });
  });
});
