#!/usr/bin/env node
'use strict';
// The command editors start: `resilint-language-server --stdio`. It answers --version and --help itself and hands
// every other start to the bundled server, which reads its transport (--stdio, --node-ipc, --socket, --pipe) from
// the command line as vscode-languageserver does.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const args = process.argv.slice(2);
const dist = join(__dirname, '..', 'dist');
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

const usage = `Usage: resilint-language-server --stdio

Resilint's language server: reports resilience gaps (missing timeouts, unhandled failures, unbounded retries) in
JavaScript and TypeScript as you type, and offers their quick-fixes as code actions.

Transports (one is required):
  --stdio               talk to the editor over stdin and stdout (what editors use)
  --node-ipc            talk over Node's IPC channel
  --socket <port>       connect to the editor on this TCP port
  --pipe <name>         connect to the editor over this named pipe

Options:
  --clientProcessId <pid>  exit when this process exits
  --version, -v            print the versions of the server, its rules and its runtime
  --help, -h               print this help

Settings: the "resilint" section of workspace/configuration (enable, run, rules, allFiles, exclude, settings,
problems.severity, validate, runtime.copyPath), each with its default when the editor sends none.
Initialization options: { "workspaceTrusted": true } lets the project's eslint.config.{js,mjs,cjs} set Resilint's
rules and settings (loading it runs the project's code).
Commands (workspace/executeCommand): resilint.lintWorkspace, resilint.copyRuntime, resilint.showDocumentation.
Set-ups for Neovim, Helix and Zed: https://github.com/resilint/resilint/tree/main/packages/language-server#readme
`;

if (args.includes('--version') || args.includes('-v')) {
  const about = readJson(join(dist, 'about.json'));
  const { version } = readJson(join(__dirname, '..', 'package.json'));
  process.stdout.write(`resilint-language-server ${version} (rules: eslint-plugin-resilint ${about.rules}, runtime: @resilint/runtime ${about.runtime})\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(usage);
} else if (!args.some((arg) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(arg))) {
  process.stderr.write(`resilint-language-server: say how to talk to the editor, usually --stdio.\n\n${usage}`);
  process.exitCode = 1;
} else {
  // Node 22.1 and later keep the compiled bundle (6 MB of ESLint, the parser and the rules) in a cache on disk, so
  // every start after the first skips most of its compilation. Older Node has no such cache. The cache is written
  // as soon as the bundle is loaded: editors often end the server with a signal, and then Node writes nothing.
  const nodeModule = require('node:module');
  nodeModule.enableCompileCache?.();
  require(join(dist, 'server.js'));
  nodeModule.flushCompileCache?.();
}
