#!/usr/bin/env node
import { run } from '../dist/cli/resilint.js';

// A reader that stops early (`resilint . | head`) closes the pipe: the rest of the report has nowhere to go, and
// the run still ends with its own exit code rather than a stack trace.
let stdoutClosed = false;
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => stdoutClosed || process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
