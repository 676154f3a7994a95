// The tests under test/package/ run against the built package (dist/), as its users get it. Rebuild it first
// when a source file is newer than the build, so those tests never pass or fail on a stale bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const built = `${root}dist/index.js`;
  const sources = [...readdirSync(`${root}src`).map((file) => `${root}src/${file}`), `${root}scripts/build.mjs`, `${root}package.json`];
  if (existsSync(built)) {
    const builtAt = statSync(built).mtimeMs;
    if (sources.every((file) => statSync(file).mtimeMs <= builtAt)) return;
  }
  execFileSync(process.execPath, [`${root}scripts/build.mjs`], { stdio: 'inherit' });
}
