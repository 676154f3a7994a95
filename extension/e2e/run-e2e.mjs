#!/usr/bin/env node
// Editor end-to-end test: the packaged .vsix installed into a real VS Code (code-server) in headless Chromium.
//  1. Through the UI, as a user: open a file, see Resilint's squiggle and its count in the status bar, open the
//     quick-fix menu (screenshot kept), pick the first fix, save, and check the file on disk, that the squiggle is
//     gone and the status bar says so; a click on the status bar item shows Resilint's output.
//  2. Through the `vscode` API: a companion test extension runs the integration suite (test/vscode/suite.ts) on
//     start-up in a fresh editor and writes its report, including the extension's activation time, to a file.
//     The companion activates the extension itself, during the editor's start-up, between two copies of an empty
//     extension (e2e/baseline) activated and timed the same way: the editor's own share at that moment.
//  3. The same on the next start of that editor (same profile, fresh copy of the workspace), where the extension
//     must load its language client from the code cache the first start wrote: the extension's line in its output
//     channel ("Activated in … ms (code cache used)") says so, and the test fails when it does not.
// Needs `bash extension/e2e/setup-code-server.sh` and `npm run package -w extension` first (`npm run test:e2e`
// at the root does both builds). Artifacts (screenshots, logs, the fixed file) go to test-results/e2e/.
// Every wait is time-boxed and a watchdog ends the whole run, so CI can fail but never hang.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import ts from 'typescript';
import { CODE_SERVER, CODE_SERVER_VERSION, FIXTURE, NODE_BINARY, NODE_VERSION, REPOSITORY, freePort, nodeEnvironment, poll } from './code-server.mjs';

const EXTENSION = join(REPOSITORY, 'extension');
const VSIX = join(EXTENSION, 'resilint-vscode.vsix');
const COMPANION = join(EXTENSION, 'dist-test/companion');
const BASELINE = join(EXTENSION, 'e2e/baseline');
const ARTIFACTS = join(REPOSITORY, 'test-results/e2e');
const SQUIGGLES = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning';
// Resilint's status bar item: the workbench gives it the id <extension id>.<item id>.
const STATUS_ITEM = '[id="resilint.resilint-vscode.resilint.status"]';
const WATCHDOG_MS = 10 * 60_000;
const SETUP_HINT = 'run bash extension/e2e/setup-code-server.sh';

const results = [];
const cleanups = [];
let page;

async function step(name, run) {
  const started = Date.now();
  try {
    await run();
    results.push({ name, ok: true });
    console.log(`  ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
    if (page) await page.screenshot({ path: join(ARTIFACTS, `failure-${results.length}.png`) }).catch(() => undefined);
    throw error;
  }
}

/** A fresh editor profile and a copy of the fixture workspace, so each phase starts from the same state. */
function editorProfile(root, name) {
  const directory = join(root, name);
  const profile = { workspace: join(directory, 'workspace'), userData: join(directory, 'user-data'), extensions: join(directory, 'extensions') };
  cpSync(FIXTURE, profile.workspace, { recursive: true });
  mkdirSync(join(profile.userData, 'User'), { recursive: true });
  writeFileSync(
    join(profile.userData, 'User/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'chat.disableAIFeatures': true,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'files.autoSave': 'off',
    }),
  );
  profile.args = ['--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--config', join(directory, 'config.yaml')];
  return profile;
}


/** The empty extension again under another id (…-after), so that one can be activated on each side of Resilint. */
function secondBaseline(root) {
  const folder = join(root, 'baseline-after');
  cpSync(BASELINE, folder, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ ...manifest, name: `${manifest.name}-after`, displayName: `${manifest.displayName} (after)` }, null, 2));
  return folder;
}

/** Packages a test-only extension folder into `root` and installs it. */
function installTestExtension(profile, folder, root, logName) {
  const vsix = join(root, `${logName}.vsix`);
  const packaged = spawnSync(join(REPOSITORY, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix], { cwd: folder, encoding: 'utf8', timeout: 120_000 });
  if (packaged.status !== 0) throw new Error(`packaging ${folder} failed: ${packaged.stdout}${packaged.stderr}`);
  installExtension(profile, vsix, `${logName}.log`);
}

/** The `Resilint.log` files of output channels under the profile's logs (one per editor start). */
function resilintOutputLogs(profile) {
  return readdirSync(profile.userData, { recursive: true })
    .map(String)
    .filter((path) => /(^|\/)output_logging_[^/]+\/\d+-Resilint\.log$/.test(path))
    .map((path) => join(profile.userData, path));
}

/** Reads the extension's activation line ("Activated in 31.2 ms (code cache used).") from its output channel's log. */
function activationLine(logs) {
  if (logs.length !== 1) throw new Error(`expected one Resilint output log of this start, found ${logs.length}: ${logs.join(', ') || 'none'}`);
  const text = readFileSync(logs[0], 'utf8');
  const lines = text.split('\n').filter((line) => line.includes('Activated in '));
  const match = lines.length === 1 && /Activated in ([\d.]+) ms \(code cache (\w+)([^)]*)\)\./.exec(lines[0]);
  if (!match) throw new Error(`expected one activation line in ${logs[0]}, found:\n${text}`);
  return { line: lines[0].trim(), ms: Number(match[1]), codeCache: match[2] };
}

/**
 * Starts the editor on `profile` in a new page and reports the companion's run of the integration suite, with the
 * activation line the extension wrote to its output channel on this start.
 */
async function runSuiteInEditor(browser, profile, reportPath, logName, label) {
  const logsBefore = new Set(resilintOutputLogs(profile));
  const suiteEditor = await startCodeServer(profile, logName, { RESILINT_E2E_REPORT: reportPath });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(suiteEditor.url, { timeout: 60_000 });
  const report = await poll('the integration suite report', 180_000, () => existsSync(reportPath) && JSON.parse(readFileSync(reportPath, 'utf8')));
  await page.close();
  page = undefined;
  suiteEditor.stop();
  await step(`${label}the extension says in its output channel how long it took to activate and whether it used the code cache`, async () => {
    report.outputLine = activationLine(resilintOutputLogs(profile).filter((path) => !logsBefore.has(path)));
    console.log(`       (${report.outputLine.line})`);
  });
  for (const name of report.passed) {
    results.push({ name: `${label}${name}`, ok: true });
    console.log(`  ok   ${label}${name}`);
  }
  for (const failure of report.failed) {
    results.push({ name: `${label}${failure.name}`, ok: false });
    console.log(`  FAIL ${label}${failure.name}: ${failure.error}`);
  }
  return report;
}

const milliseconds = (value) => (value === undefined ? 'n/a' : `${value.toFixed(1)} ms`);
const timing = (sample) => (sample ? `${milliseconds(sample.wallMs)}${sample.cpuMs === undefined ? '' : ` (CPU ${milliseconds(sample.cpuMs)})`}` : 'n/a');

/** One start's activation figures: Resilint as the companion timed it and as it timed itself, the empty extensions. */
function activationSummary(report) {
  const { resilint, baselineBefore, baselineAfter } = report.activation ?? {};
  const own = report.outputLine ? `${milliseconds(report.outputLine.ms)} inside activate(), code cache ${report.outputLine.codeCache}` : 'no output line';
  return `Resilint ${timing(resilint)} [${own}]; empty extension just before ${timing(baselineBefore)}, just after ${timing(baselineAfter)}`;
}

function installExtension(profile, vsix, logName) {
  const install = spawnSync(NODE_BINARY, [CODE_SERVER, ...profile.args, '--install-extension', vsix], { env: nodeEnvironment(), encoding: 'utf8', timeout: 180_000 });
  writeFileSync(join(ARTIFACTS, logName), `${install.stdout}\n${install.stderr}`);
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    throw new Error(`--install-extension ${vsix} exited ${install.status}: ${install.stdout}${install.stderr}`);
  }
}

/** Starts code-server on a free 127.0.0.1 port and resolves once it answers; stopped by the run's clean-up. */
async function startCodeServer(profile, logName, extraEnvironment = {}) {
  const port = await freePort();
  const log = [];
  const server = spawn(
    NODE_BINARY,
    [CODE_SERVER, ...profile.args, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', '--disable-telemetry', '--disable-update-check', profile.workspace],
    { env: { ...nodeEnvironment(), ...extraEnvironment }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout.on('data', (chunk) => log.push(String(chunk)));
  server.stderr.on('data', (chunk) => log.push(String(chunk)));
  const stop = () => {
    writeFileSync(join(ARTIFACTS, logName), log.join(''));
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  cleanups.unshift(stop);
  await poll('code-server to answer', 60_000, async () => {
    if (server.exitCode !== null) throw new Error(`code-server exited ${server.exitCode}: ${log.join('')}`);
    return fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.ok, () => false);
  });
  return { url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(profile.workspace)}`, stop };
}

async function main() {
  for (const [path, hint] of [
    [NODE_BINARY, SETUP_HINT],
    [CODE_SERVER, SETUP_HINT],
    ['/usr/bin/chromium', SETUP_HINT],
    [VSIX, 'run npm run package -w extension'],
    [join(COMPANION, 'companion.js'), 'run node extension/scripts/build.mjs --tests'],
  ]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: ${hint}`);
  }
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const root = mkdtempSync(join(tmpdir(), 'resilint-e2e-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    timeout: 60_000,
  });
  cleanups.unshift(() => browser.close());

  console.log('phase 1: a user in the editor');
  const user = editorProfile(root, 'user');
  await step('the packaged .vsix installs into code-server', async () => installExtension(user, VSIX, 'install.log'));
  let editor;
  await step('code-server serves the fixture workspace on 127.0.0.1', async () => {
    editor = await startCodeServer(user, 'code-server.log');
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  await step('the workbench loads in headless Chromium', async () => {
    await page.goto(editor.url, { timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  });

  await step('opening src/users.ts shows a Resilint squiggle', async () => {
    await poll('the Quick Open box', 30_000, async () => {
      await page.keyboard.press('Control+P');
      return page.locator('.quick-input-widget input').isVisible();
    });
    await page.keyboard.type('users.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'users.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'loadUser' }).waitFor();
    // The language server starts on first use, then lints: allow for a cold start on a busy machine.
    await page.locator(SQUIGGLES).first().waitFor({ timeout: 120_000 });
  });

  await step('the status bar item counts the finding in users.ts', async () => {
    await page.locator(STATUS_ITEM, { hasText: 'Resilint: 1' }).waitFor({ timeout: 30_000 });
    const label = await page.locator(STATUS_ITEM).getAttribute('aria-label');
    if (label !== 'Resilint: 1 finding in users.ts.') throw new Error(`the status bar item says "${label}"`);
  });

  let firstFix = '';
  await step('the quick-fix menu on the fetch call lists the fixes, "Disable" and "Show documentation"', async () => {
    const lineOfCall = page.locator('.monaco-editor .view-line', { hasText: 'await fetch(' });
    await lineOfCall.locator('span', { hasText: 'fetch' }).last().click();
    const menu = page.locator('.action-widget').first();
    // Ctrl+. again while the menu is open would pick an entry, so press it once and wait, and retry from Escape.
    const disable = menu.locator('.monaco-list-row', { hasText: 'Disable resilint/require-timeout for this line' });
    await poll('the quick-fix menu', 45_000, async () => {
      await page.keyboard.press('Control+.');
      const shown = await disable.waitFor({ timeout: 10_000 }).then(() => true, () => false);
      if (!shown) await page.keyboard.press('Escape');
      return shown;
    });
    await menu.locator('.monaco-list-row', { hasText: 'Show documentation for resilint/require-timeout' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'fix-menu.png') });
    const titles = (await menu.locator('.monaco-list-row.action').allInnerTexts()).map((title) => title.trim());
    writeFileSync(join(ARTIFACTS, 'fix-menu.txt'), `${titles.join('\n')}\n`);
    firstFix = titles[0] ?? '';
    if (!firstFix) throw new Error('the quick-fix menu has no entries');
  });

  const filePath = join(user.workspace, 'src/users.ts');
  const original = readFileSync(filePath, 'utf8');
  await step('picking the first fix and saving changes the file on disk and removes the finding', async () => {
    console.log(`       (first fix: "${firstFix}")`);
    await page.locator('.action-widget').first().locator('.monaco-list-row.action').first().click();
    await poll('the fix to reach the editor', 15_000, async () => !(await page.locator('.action-widget').first().isVisible()));
    const changedOnDisk = () => {
      const text = readFileSync(filePath, 'utf8');
      return text !== original && text;
    };
    // Save through the command palette: a browser may keep Ctrl+S for itself.
    const saved = await poll('the fixed file on disk', 30_000, async () => {
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').waitFor();
      await page.keyboard.type('File: Save');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: /^File: Save(?!\s*(As|All|without))/ }).first().click();
      return poll('the save', 5_000, changedOnDisk).catch(() => false);
    });
    writeFileSync(join(ARTIFACTS, 'users.fixed.ts'), saved);
    if (!saved.includes('fetch(`https://users.example.test/users/${id}`')) throw new Error(`the fix lost the call:\n${saved}`);
    if (saved.includes('eslint-disable-next-line resilint/require-timeout') !== firstFix.startsWith('Disable')) {
      throw new Error(`the saved file is not what "${firstFix}" does:\n${saved}`);
    }
    await poll('the squiggle to go away', 30_000, async () => (await page.locator(SQUIGGLES).count()) === 0);
    await page.screenshot({ path: join(ARTIFACTS, 'after-fix.png') });
  });
  await step('the status bar item then says no findings, and a click on it shows the output channel', async () => {
    const item = page.locator(STATUS_ITEM);
    await poll('the status bar to say 0 findings', 30_000, async () => (await item.getAttribute('aria-label')) === 'Resilint: 0 findings in users.ts.');
    await item.click();
    // The output channel's first line is the extension's activation line.
    await page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'Activated in' }).waitFor({ timeout: 30_000 });
    // The output taking the focus does not hide the item: it is about the file still in the editor.
    if ((await item.getAttribute('aria-label')) !== 'Resilint: 0 findings in users.ts.' || !(await item.isVisible())) {
      throw new Error(`with the output shown, the status bar item says "${await item.getAttribute('aria-label')}", visible: ${await item.isVisible()}`);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'status-bar-output.png') });
  });
  await page.close();
  page = undefined;
  editor.stop();

  console.log('phase 2: the integration suite through the vscode API (companion extension)');
  const api = editorProfile(root, 'api');
  await step('the .vsix, the companion and two copies of the empty baseline extension install', async () => {
    installExtension(api, VSIX, 'install-api.log');
    installTestExtension(api, COMPANION, root, 'install-companion');
    installTestExtension(api, BASELINE, root, 'install-baseline');
    installTestExtension(api, secondBaseline(root), root, 'install-baseline-after');
  });
  const first = await runSuiteInEditor(browser, api, join(root, 'suite-report.json'), 'code-server-api.log', 'suite: ');
  writeFileSync(join(ARTIFACTS, 'suite-report.json'), JSON.stringify(first, null, 2));
  await step('the file fixed with the runtime copied compiles against the copy (tsc, strict)', async () => {
    const errors = typeErrorsOf(join(api.workspace, 'src/payments.ts'));
    if (errors.length > 0) throw new Error(errors.join('\n'));
  });

  console.log('phase 3: the integration suite again on the next start of the same editor');
  await step('the first start left a code cache of the language client in the global storage', async () => {
    const cacheDirectory = join(api.userData, 'User/globalStorage/resilint.resilint-vscode/code-cache');
    const cached = existsSync(cacheDirectory) ? readdirSync(cacheDirectory).filter((name) => name.endsWith('.code-cache')) : [];
    if (cached.length !== 1) throw new Error(`expected one code cache in ${cacheDirectory}, found: ${cached.join(', ') || 'none'}`);
  });
  const next = { ...api, workspace: join(root, 'api-next-start/workspace') };
  cpSync(FIXTURE, next.workspace, { recursive: true });
  const second = await runSuiteInEditor(browser, next, join(root, 'suite-report-next-start.json'), 'code-server-api-next-start.log', 'suite, next start: ');
  writeFileSync(join(ARTIFACTS, 'suite-report-next-start.json'), JSON.stringify(second, null, 2));

  console.log('  activation during the editor\'s start-up (vscode API, in code-server), between two empty extensions activated the same way:');
  console.log(`    first start (fresh profile): ${activationSummary(first)}`);
  console.log(`    next start:                  ${activationSummary(second)}`);
  await step('the next start loaded the language client from the code cache', async () => {
    if (second.outputLine.codeCache !== 'used') throw new Error(`it did not: "${second.outputLine.line}"`);
  });
  if (first.failed.length > 0 || second.failed.length > 0) throw new Error('the integration suite failed');
}

/** `tsc --noEmit --strict` of one file of the workspace, with Node's types, as a project with "type": "module" compiles it. */
function typeErrorsOf(file) {
  const options = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'], typeRoots: [join(REPOSITORY, 'node_modules/@types')],
  };
  return ts.getPreEmitDiagnostics(ts.createProgram([file], options))
    .map((diagnostic) => `${diagnostic.file?.fileName ?? ''}: TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}

const watchdog = setTimeout(() => {
  console.log(`e2e: stopped by the ${WATCHDOG_MS / 60_000}-minute watchdog`);
  void finish(1);
}, WATCHDOG_MS);

async function finish(code) {
  clearTimeout(watchdog);
  for (const cleanup of cleanups) await Promise.resolve().then(cleanup).catch(() => undefined);
  const passed = results.filter((result) => result.ok).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(code);
}

console.log(`e2e: Resilint in code-server ${CODE_SERVER_VERSION} (Node ${NODE_VERSION}) and headless Chromium; artifacts in test-results/e2e/`);
main().then(
  () => finish(0),
  (error) => {
    if (!results.some((result) => !result.ok)) {
      results.push({ name: 'set-up', ok: false });
      console.log(`  FAIL ${error instanceof Error ? error.message : String(error)}`);
    }
    return finish(1);
  },
);
