import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The real, built `resilint` bin over the multi-file workspaces of fixtures/workspaces: what a finding needs from
// another file (a wrapper, a client, a class) comes through the project model. Build first (`npm run build`).
const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(REPOSITORY, 'eslint-plugin/bin/resilint.js');
const WORKSPACES = join(REPOSITORY, 'fixtures/workspaces');

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; fatal?: boolean; message: string; line: number }[];
}

function lint(args: string[]): Promise<JsonResult[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, '--format', 'json', ...args], { cwd: REPOSITORY, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && error.code !== 1) reject(new Error(stderr || String(error)));
      else resolve(JSON.parse(stdout) as JsonResult[]);
    });
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.[cm]?[jt]sx?$/.test(name) ? [path] : [];
  });
}

/** `file:line rule` of every line marked `// ✗ <rule>`, where the workspace expects that rule's finding. */
function markedFindings(dir: string): string[] {
  return sourceFiles(dir).flatMap((file) =>
    readFileSync(file, 'utf8').split('\n').flatMap((text, index) => {
      const rule = text.match(/\/\/ ✗ ([\w-]+)\s*$/)?.[1];
      return rule ? [`${relative(dir, file)}:${index + 1} ${rule}`] : [];
    }));
}

const MODEL_RULES = new Set(['resilint/require-timeout', 'resilint/no-unprotected-call', 'resilint/no-try-outside-loop']);
const workspaces = ['monorepo', 'nest-service', 'notifier', 'sdk', 'sdk-app', 'signing', 'telemetry', 'web-app', 'forum-server', 'sdk-monorepo', 'grpc-gateway', 'git-sync', 'api-client-monorepo', 'release-cli', 'pages-router-app', 'spa-with-server', 'status-cli', 'ledger-service', 'desktop-agent', 'cloud-cli', 'aws-engine', 'upload-cli', 'nest-signal-service'].filter((name) => existsSync(join(WORKSPACES, name)));

describe.each(workspaces)('the %s workspace', (name) => {
  it('reports exactly the marked lines, each where its fix belongs', async () => {
    const dir = join(WORKSPACES, name);
    const results = await lint([dir]);
    const found = results.flatMap((result) => result.messages
      .filter((message) => message.fatal || (message.ruleId !== null && MODEL_RULES.has(message.ruleId)))
      .map((message) => `${relative(dir, result.filePath)}:${message.line} ${message.ruleId?.replace('resilint/', '') ?? 'fatal'}`));
    expect(found.sort()).toEqual(markedFindings(dir).sort());
  });
});
