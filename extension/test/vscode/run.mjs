#!/usr/bin/env node
// Runs the integration suite (test/vscode/suite.ts, bundled to dist-test/suite.js) in VS Code desktop with
// @vscode/test-electron, on a fresh copy of the fixture workspace. Uses the VS Code at $VSCODE_EXECUTABLE when set,
// otherwise downloads one (which needs access to VS Code's download site; in this repository's CI the same suite
// runs inside code-server instead, see e2e/run-e2e.mjs).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const extensionRoot = fileURLToPath(new URL('../..', import.meta.url));
const workspace = mkdtempSync(join(tmpdir(), 'resilint-vscode-test-'));
cpSync(fileURLToPath(new URL('../../../fixtures/workspaces/e2e-app', import.meta.url)), workspace, { recursive: true });

try {
  await runTests({
    extensionDevelopmentPath: extensionRoot,
    extensionTestsPath: join(extensionRoot, 'dist-test/suite.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
  });
} catch (error) {
  console.error(`The VS Code integration suite failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
