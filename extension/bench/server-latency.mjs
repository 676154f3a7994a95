#!/usr/bin/env node
// Server benchmark: time from a document change to the diagnostics the language server publishes for it, for the
// bundled server (dist/server.js) over stdio.
//
//   node bench/server-latency.mjs [--sizes 100,1000,5000] [--rounds 40] [--scenarios last-line,middle,class]
//                                 [--server dist/server.js] [--node-options "--max-semi-space-size=32"]
//
// For each size it opens a generated module of that many lines (service code with external calls, some
// protected, some not), then edits it `rounds` times (one character, as when typing) and reports:
// - the median server-side time from the change's arrival to its diagnostics, which the server traces when asked
//   (`$/setTrace`), and that time per 1,000 lines, which stays flat when the cost grows linearly with the file;
// - the median and 90th percentile of the round trip (change sent -> publishDiagnostics received), as the editor
//   sees it: the server-side time plus sending the change and the diagnostics through the pipe.
// Between edits it times, in this process, what no linter can skip: parsing the same text with the TypeScript
// parser (scope analysis included) and ESLint's Linter with no rules. Their ratios, from the same run, say what the
// rules and the server add, whatever the machine's load.
//
// Scenarios: `last-line` types at the start of the last line; `middle` types inside a template string in the
// middle of the file; `class` is the same code as methods of one exported class (a NestJS or Angular service's
// shape), typed into in the middle. `--server` benchmarks another build of the server; `--node-options` passes
// V8/Node flags to the server process.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node.js';
import { serviceClass, serviceModule } from './service-module.mjs';

const argument = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : process.argv[index + 1];
};
const sizes = argument('sizes', '100,1000,5000').split(',').map(Number);
const rounds = Number(argument('rounds', '40'));
const scenarios = argument('scenarios', 'last-line,middle,class').split(',');
const WARMUP = 5;

const serverPath = resolve(argument('server', fileURLToPath(new URL('../dist/server.js', import.meta.url))));
const nodeOptions = argument('node-options', '').split(' ').filter(Boolean);
const server = spawn(process.execPath, [...nodeOptions, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', ({ uri, version, diagnostics }) => {
  const waiter = waiting.get(`${uri}@${version}`);
  if (waiter) waiter(diagnostics);
});
// The server's own account of each publish: `Diagnostics for <uri> (version <n>): <count>, <ms> ms after the change`.
const serverTimes = new Map();
connection.onNotification('$/logTrace', ({ message }) => {
  const traced = /^Diagnostics for (\S+) \(version (\d+)\): \d+, ([\d.]+) ms after the change$/.exec(message);
  if (traced) serverTimes.get(`${traced[1]}@${traced[2]}`)?.(Number(traced[3]));
});
connection.onRequest('workspace/configuration', ({ items }) => items.map(() => ({})));
connection.onRequest('client/registerCapability', () => null);
connection.onNotification('window/logMessage', ({ message }) => console.error(`server: ${message}`));
connection.listen();

await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, workspaceFolders: null });
await connection.sendNotification('initialized', {});
await connection.sendNotification('$/setTrace', { value: 'messages' });

/** The server-side time of a publish, from the server's trace. */
function serverTimeOf(uri, version) {
  return new Promise((resolve) => serverTimes.set(`${uri}@${version}`, (ms) => {
    serverTimes.delete(`${uri}@${version}`);
    resolve(ms);
  }));
}

function diagnosticsOf(uri, version) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} version ${version} within 120 s`)), 120_000);
    waiting.set(`${uri}@${version}`, (diagnostics) => {
      clearTimeout(timer);
      waiting.delete(`${uri}@${version}`);
      resolve(diagnostics);
    });
  });
}

/** Where each scenario types: a (line, character) to insert a character at, then delete it, in turn. */
function typingPosition(scenario, text) {
  const lines = text.split('\n');
  if (scenario === 'last-line') return { line: lines.length - 1, character: 0 };
  // Inside the `status ...` template of the handler nearest the middle: typing into a message.
  let line = Math.floor(lines.length / 2);
  while (!lines[line].includes('`status ')) line = (line + 1) % lines.length;
  return { line, character: lines[line].indexOf('`status ') + 1 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

const bareLinter = new Linter({ cwd: '/' });
const bareConfig = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }];
function timed(run) {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const header = 'lines   findings   server ms   round trip ms   round trip p90   server ms per 1,000 lines   parse-only ms   no-rules Linter ms   server / parse';
console.log(`change -> diagnostics, bundled server over stdio (${serverPath}${nodeOptions.length ? ` ${nodeOptions.join(' ')}` : ''}), ${rounds} edits per size (after ${WARMUP} warm-up edits)`);
for (const scenario of scenarios) {
  console.log(`\n${scenario}: ${scenario === 'last-line' ? 'typing at the start of the last line' : scenario === 'middle' ? 'typing inside a template string in the middle of the file' : 'one top-level class, typing in the middle'}`);
  console.log(header);
  for (const lines of sizes) {
    const uri = pathToFileURL(`/bench/${scenario}-${lines}.ts`).href;
    const text = scenario === 'class' ? serviceClass(lines) : serviceModule(lines);
    const at = typingPosition(scenario, text);
    let version = 1;
    const opened = diagnosticsOf(uri, version);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text } });
    const findings = (await opened).length;
    const timings = [];
    const serverTimings = [];
    const parseTimings = [];
    const bareTimings = [];
    for (let round = 0; round < WARMUP + rounds; round += 1) {
      const parse = timed(() => tsParser.parseForESLint(text, { filePath: '/bench/service.ts', range: true, loc: true, tokens: true, comment: true }));
      const bare = timed(() => bareLinter.verify(text, bareConfig, '/bench/service.ts'));
      if (round >= WARMUP) {
        parseTimings.push(parse);
        bareTimings.push(bare);
      }
      version += 1;
      const published = diagnosticsOf(uri, version);
      const serverTime = serverTimeOf(uri, version);
      const started = performance.now();
      // Type a character, then delete it, as edits in the editor arrive.
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + (round % 2) } }, text: round % 2 ? '' : ' ' }],
      });
      await published;
      const roundTrip = performance.now() - started;
      const serverSide = await serverTime;
      if (round >= WARMUP) {
        timings.push(roundTrip);
        serverTimings.push(serverSide);
      }
    }
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const serverMedian = median(serverTimings);
    const cells = [
      String(lines).padStart(5),
      String(findings).padStart(8),
      serverMedian.toFixed(1).padStart(9),
      median(timings).toFixed(1).padStart(13),
      percentile(timings, 0.9).toFixed(1).padStart(14),
      ((serverMedian / lines) * 1000).toFixed(1).padStart(25),
      median(parseTimings).toFixed(1).padStart(13),
      median(bareTimings).toFixed(1).padStart(18),
      `${(serverMedian / median(parseTimings)).toFixed(2)}x`.padStart(14),
    ];
    console.log(cells.join('   '));
  }
}

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
server.kill();
