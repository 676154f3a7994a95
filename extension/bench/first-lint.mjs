#!/usr/bin/env node
// How long the bundled server's first lint of a long file takes: the time from `didOpen` to its diagnostics, for a
// generated service module (bench/service-module.mjs) of each size. It sets the size from which the server shows a
// progress during a file's first lint (SLOW_FIRST_LINT_CHARACTERS in src/server/service.ts).
//   node bench/first-lint.mjs [lines...]      (default 2000 10000 30000; build first: npm run build -w extension)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node.js';
import { serviceModule } from './service-module.mjs';

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [2000, 10000, 30000];
const server = spawn(process.execPath, [fileURLToPath(new URL('../dist/server.js', import.meta.url)), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (params) => waiting.get(params.uri)?.(params));
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
await connection.sendNotification('initialized', {});
for (const lines of sizes) {
  const text = serviceModule(lines);
  const uri = `file:///bench/first-lint-${lines}.ts`;
  const published = new Promise((resolve) => waiting.set(uri, resolve));
  const started = performance.now();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  const { diagnostics } = await published;
  const ms = performance.now() - started;
  console.log(`${lines} lines (${text.length} characters): first lint ${ms.toFixed(0)} ms, ${diagnostics.length} findings, ${(text.length / ms).toFixed(0)} characters/ms`);
}
connection.dispose();
server.kill();
