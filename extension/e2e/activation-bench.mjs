#!/usr/bin/env node
// Activation benchmark: `extension.activate()` of Resilint in code-server, beside an empty extension (e2e/baseline)
// activated the same way (by e2e/activation-meter, once the editor has settled after start-up), on the first start of
// a fresh profile (no code cache yet) and on the next start of that profile. Each round gives every .vsix a fresh profile; rounds interleave the .vsix files and alternate which of the
// two extensions activates first, so a busy machine disturbs all alike. Prints the median and range of the wall time
// and of the extension host thread's CPU time (far less disturbed by other processes) for each.
//   node extension/e2e/activation-bench.mjs [--rounds N] [label=path.vsix ...]
// Without .vsix arguments it measures extension/resilint-vscode.vsix (`npm run package -w extension`). Needs
// `bash extension/e2e/setup-code-server.sh` first.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CODE_SERVER, CODE_SERVER_VERSION, FIXTURE, NODE_BINARY, NODE_VERSION, REPOSITORY, freePort, nodeEnvironment, poll } from './code-server.mjs';

const E2E = join(REPOSITORY, 'extension/e2e');
const RESILINT_ID = 'resilint.resilint-vscode';
const BASELINE_ID = 'resilint.resilint-e2e-baseline';

const { values, positionals } = parseArgs({ options: { rounds: { type: 'string', default: '5' } }, allowPositionals: true });
const rounds = Number(values.rounds);
const variants = (positionals.length > 0 ? positionals : [`this=${join(REPOSITORY, 'extension/resilint-vscode.vsix')}`]).map((argument) => {
  const [label, path] = argument.includes('=') ? argument.split('=') : [argument, argument];
  return { label, vsix: resolve(path) };
});
for (const path of [NODE_BINARY, CODE_SERVER, ...variants.map((variant) => variant.vsix)]) {
  if (!existsSync(path)) throw new Error(`${path} is missing (bash extension/e2e/setup-code-server.sh; npm run package -w extension)`);
}

const environment = nodeEnvironment();
const root = mkdtempSync(join(tmpdir(), 'resilint-activation-'));

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 180_000, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stdout}${result.stderr}`);
  return result.stdout + result.stderr;
}

function packageTestExtension(name) {
  const vsix = join(root, `${name}.vsix`);
  run(join(REPOSITORY, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix], { cwd: join(E2E, name) });
  return vsix;
}

const hasCodeCache = (profile) => existsSync(join(profile.directory, 'user-data/User/globalStorage', RESILINT_ID, 'code-cache'));

/**
 * One editor start on `profile`: the meter's report of both extensions' activation. Before stopping the editor, waits
 * a while for Resilint's code cache to appear if asked (a build that writes none just costs the wait).
 */
async function measureStart(browser, profile, order, waitForCodeCache) {
  const reportPath = join(profile.directory, `report-${Date.now()}.json`);
  const port = await freePort();
  const server = spawn(
    NODE_BINARY,
    [CODE_SERVER, ...profile.args, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', '--disable-telemetry', '--disable-update-check', profile.workspace],
    { env: { ...environment, RESILINT_METER_REPORT: reportPath, RESILINT_METER_EXTENSIONS: order.join(',') }, detached: true, stdio: 'ignore' },
  );
  const page = await browser.newPage();
  try {
    await poll('code-server to answer', 60_000, () => fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(profile.workspace)}`, { timeout: 60_000 });
    const report = await poll('the activation report', 120_000, () => existsSync(reportPath) && JSON.parse(readFileSync(reportPath, 'utf8')));
    if (waitForCodeCache) await poll('the code cache', 20_000, () => hasCodeCache(profile)).catch(() => undefined);
    return report;
  } finally {
    await page.close();
    process.kill(-server.pid, 'SIGTERM');
  }
}

function freshProfile(name, extensions) {
  const directory = join(root, name);
  const profile = { directory, workspace: join(directory, 'workspace') };
  cpSync(FIXTURE, profile.workspace, { recursive: true });
  mkdirSync(join(directory, 'user-data/User'), { recursive: true });
  writeFileSync(join(directory, 'user-data/User/settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'update.mode': 'none', 'chat.disableAIFeatures': true }));
  profile.args = ['--user-data-dir', join(directory, 'user-data'), '--extensions-dir', join(directory, 'extensions'), '--config', join(directory, 'config.yaml')];
  for (const vsix of extensions) run(NODE_BINARY, [CODE_SERVER, ...profile.args, '--install-extension', vsix], { env: environment });
  return profile;
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor((numbers.length - 1) / 2)];
const summary = (numbers) => (numbers.length ? `${median(numbers).toFixed(1)} (${Math.min(...numbers).toFixed(1)}-${Math.max(...numbers).toFixed(1)})` : 'n/a');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
try {
  const testExtensions = [packageTestExtension('activation-meter'), packageTestExtension('baseline')];
  const samples = new Map();
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? [BASELINE_ID, RESILINT_ID] : [RESILINT_ID, BASELINE_ID];
    for (const { label, vsix } of variants) {
      const profile = freshProfile(`${label}-${round}`, [...testExtensions, vsix]);
      for (const first of [true, false]) {
        const start = first ? 'first start' : `next start (${hasCodeCache(profile) ? 'code cache' : 'no code cache'})`;
        const report = await measureStart(browser, profile, order, first);
        for (const [id, sample] of Object.entries(report)) {
          const key = `${label}, ${start}, ${id === RESILINT_ID ? 'Resilint' : 'empty extension'}`;
          if (!samples.has(key)) samples.set(key, []);
          samples.get(key).push(sample);
          console.log(`round ${round + 1}/${rounds}  ${key}: ${sample.wallMs.toFixed(1)} ms wall, ${sample.cpuMs?.toFixed(1) ?? 'n/a'} ms CPU`);
        }
      }
      rmSync(profile.directory, { recursive: true, force: true });
    }
  }
  console.log(`\nactivation in code-server ${CODE_SERVER_VERSION} (Node ${NODE_VERSION}), median (min-max) of ${rounds} rounds:`);
  for (const [key, list] of samples) {
    console.log(`  ${key.padEnd(62)} wall ${summary(list.map((sample) => sample.wallMs))} ms   CPU ${summary(list.flatMap((sample) => sample.cpuMs ?? []))} ms`);
  }
} finally {
  await browser.close();
  rmSync(root, { recursive: true, force: true });
}
