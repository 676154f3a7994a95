#!/usr/bin/env node
// How long an editor waits for Resilint's first diagnostics: cold starts of the built binary on test/fixture, each
// timed from the spawn to the answer to `initialize` and to the first diagnostics of the file opened after it.
//   node bench/first-diagnostics.mjs [runs]   (default 7; build first; NODE_COMPILE_CACHE applies on Node 22.1+)
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const { StreamMessageReader, StreamMessageWriter, createMessageConnection } = createRequire(import.meta.url)('vscode-jsonrpc/node');
const bin = fileURLToPath(new URL('../bin/resilint-language-server.cjs', import.meta.url));
const fixture = fileURLToPath(new URL('../test/fixture', import.meta.url));
const runs = Number(process.argv[2] ?? 7);

async function coldStart() {
  const project = mkdtempSync(join(tmpdir(), 'resilint-ls-bench-'));
  cpSync(fixture, project, { recursive: true });
  const file = join(project, 'src', 'orders.ts');
  const spawnedAt = performance.now();
  const server = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const diagnosed = new Promise((resolve) => connection.onNotification('textDocument/publishDiagnostics', (params) => params.diagnostics.length > 0 && resolve()));
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {} });
  const initializedAt = performance.now();
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(file).href, languageId: 'typescript', version: 1, text: readFileSync(file, 'utf8') } });
  await diagnosed;
  const diagnosedAt = performance.now();
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  rmSync(project, { recursive: true, force: true });
  return { initialize: initializedAt - spawnedAt, diagnostics: diagnosedAt - spawnedAt };
}

const samples = [];
for (let run = 0; run < runs; run++) samples.push(await coldStart());
const median = (key) => samples.map((sample) => sample[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
console.log(`Node ${process.version}, ${runs} cold starts: initialize answered ${median('initialize').toFixed(0)} ms after the spawn, first diagnostics ${median('diagnostics').toFixed(0)} ms (medians; first diagnostics ${samples.map((sample) => sample.diagnostics.toFixed(0)).join(', ')} ms)`);
