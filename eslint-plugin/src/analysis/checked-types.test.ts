import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { packageOfDeclaration } from './checked-types.js';

// A project linted the way a typescript-eslint user with type-aware rules lints it: the clients its code hands
// around through a service locator and a dependency object are known by their declared types (axios's real ones).
const PROJECT = fileURLToPath(new URL('../../../fixtures/typed-project', import.meta.url));

async function findings(typed: boolean): Promise<string[]> {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser, parserOptions: typed ? { projectService: true, tsconfigRootDir: PROJECT } : {} },
    },
  ];
  const eslint = new ESLint({ cwd: PROJECT, overrideConfigFile: true, overrideConfig: config });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  return results.flatMap((result) => result.messages.map((message) =>
    `${result.filePath.slice(PROJECT.length + 1)}:${message.line} ${message.ruleId ?? message.message}`)).sort();
}

describe('with type information', () => {
  it('sees the calls of a client known only by its type (a service locator, a dependency object)', async () => {
    // the two marked calls' failures escape from a timer; the project's own Ledger is not a client
    expect(await findings(true)).toEqual([
      `${join('src', 'invoices.ts')}:12 resilint/no-unprotected-call`,
      `${join('src', 'invoices.ts')}:22 resilint/no-unprotected-call`,
    ]);
  }, 60_000);

  it('without it, sees only what the code declares: the dependency object\'s interface, not the locator\'s answer', async () => {
    // `deps: Dependencies`, an interface of the project whose `billing` member is declared an AxiosInstance
    expect(await findings(false)).toEqual([`${join('src', 'invoices.ts')}:22 resilint/no-unprotected-call`]);
  }, 60_000);
});

describe('packageOfDeclaration', () => {
  it.each([
    ['/app/node_modules/axios/index.d.ts', 'axios'],
    ['/app/node_modules/@aws-sdk/client-s3/dist-types/S3Client.d.ts', '@aws-sdk/client-s3'],
    ['/app/node_modules/@types/pg/index.d.ts', 'pg'],
    ['/app/node_modules/@types/babel__core/index.d.ts', '@babel/core'],
    ['/app/node_modules/.pnpm/ioredis@5.4.1/node_modules/ioredis/built/Redis.d.ts', 'ioredis'],
    ['/app/node_modules/.prisma/client/index.d.ts', '@prisma/client'],
    ['/app/src/dependencies.ts', undefined],
  ])('%s is %s', (fileName, expected) => {
    expect(packageOfDeclaration(fileName)).toBe(expected);
  });
});
