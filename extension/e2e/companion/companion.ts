import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { runSuite } from '../../test/vscode/suite.js';

const RESILINT_ID = 'resilint.resilint-vscode';
// Two copies of the empty extension e2e/baseline (run-e2e.mjs installs the second under this id).
const BASELINE_BEFORE_ID = 'resilint.resilint-e2e-baseline';
const BASELINE_AFTER_ID = 'resilint.resilint-e2e-baseline-after';

export interface Activation {
  wallMs: number;
  /** CPU time of the extension host's thread, where Node has process.threadCpuUsage. */
  cpuMs: number | undefined;
}

/**
 * Runs the integration suite once the editor has started and hands the report to the end-to-end test. First it
 * activates, one after the other and timed the same way, an empty extension, Resilint and a second empty extension,
 * all during the editor's start-up (the companion activates on `onStartupFinished`, while the editor is still busy):
 * the empty extensions on either side of Resilint are the editor's own share at that moment, so neither can take on
 * start-up work that Resilint would otherwise pay.
 */
export async function activate(): Promise<void> {
  const reportPath = process.env['RESILINT_E2E_REPORT'];
  if (!reportPath) return;
  try {
    const baselineBefore = await activationTime(BASELINE_BEFORE_ID);
    const resilint = await activationTime(RESILINT_ID);
    const baselineAfter = await activationTime(BASELINE_AFTER_ID);
    const report = await runSuite();
    writeFileSync(reportPath, JSON.stringify({ ...report, activationMs: resilint?.wallMs, activation: { resilint, baselineBefore, baselineAfter } }));
  } catch (error) {
    writeFileSync(reportPath, JSON.stringify({ passed: [], failed: [{ name: 'suite', error: String(error) }], activationMs: undefined }));
  }
}

async function activationTime(extensionId: string): Promise<Activation | undefined> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension || extension.isActive) return undefined;
  // Node 23.9+ (code-server runs the extension host on Node 24); not in the @types/node this repository builds with.
  const thread = process as { threadCpuUsage?: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage };
  const cpuBefore = thread.threadCpuUsage?.();
  const started = performance.now();
  await extension.activate();
  const wallMs = performance.now() - started;
  const cpu = cpuBefore && thread.threadCpuUsage?.(cpuBefore);
  return { wallMs, cpuMs: cpu ? (cpu.user + cpu.system) / 1000 : undefined };
}
