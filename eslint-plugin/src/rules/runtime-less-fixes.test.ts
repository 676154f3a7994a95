import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A job scheduler that drops the promise of each enqueue. Where the project has no `@resilint/runtime`, a fallback
// imported from it would not run as applied, so the fixes that need nothing (a `.catch` that logs, a try/catch) come
// first; where it has the runtime, or names a module of its own for it, the fallback stays first.
const project = (dependencies: Record<string, string>): string => {
  const directory = mkdtempSync(join(tmpdir(), 'resilint-runtime-less-'));
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ private: true, dependencies }));
  mkdirSync(join(directory, 'src'));
  return directory;
};

const scheduler = `import { Queue } from 'bullmq';
const queue = new Queue('sync', { connection: { host: 'localhost', port: 6379 } });
export function scheduleAll(accounts: string[]) {
  for (const id of accounts) {
    queue.add('sync', { id });
  }
}`;

function fixTitles(directory: string, runtimeModule?: string): string[] {
  const config = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    ...(runtimeModule ? [{ settings: { resilint: { runtimeModule } } }] : []),
  ];
  const [finding] = new Linter({ configType: 'flat', cwd: directory }).verify(scheduler, config, { filename: join(directory, 'src/schedule.ts') })
    .filter((message) => message.ruleId === 'resilint/no-unprotected-call');
  return (finding?.suggestions ?? []).map((suggestion) => suggestion.desc);
}

describe('the fixes of a dropped call, by whether the project has the runtime', () => {
  it('offers the ones that need nothing first where the runtime is not there', () => {
    const titles = fixTitles(project({ bullmq: '5.40.0' }));
    expect(titles[0]).toMatch(/^Add `\.catch` that logs/);
    expect(titles.slice(1).some((title) => /fallback/i.test(title))).toBe(true);
  });

  it('keeps the fallback first where the project depends on the runtime or names its own copy', () => {
    expect(fixTitles(project({ bullmq: '5.40.0', '@resilint/runtime': '^0.1.0' }))[0]).toMatch(/fallback/i);
    expect(fixTitles(project({ bullmq: '5.40.0' }), './lib/resilience')[0]).toMatch(/fallback/i);
  });
});
