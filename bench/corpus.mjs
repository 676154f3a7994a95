#!/usr/bin/env node
// Extracts the JavaScript/TypeScript sources of a bare git repository into a directory, for the
// hardening runs and the scale benchmark. Partial mirrors lack some blobs, so `git archive` stops at
// the first missing one; reading blob by blob skips what is absent and keeps the rest.
// Usage: node bench/corpus.mjs <git-dir> <out-dir> [revision]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const SKIPPED_DIR = /(?:^|\/)(?:node_modules|dist|build|coverage|vendor|\.next|\.yarn)\//;
const GENERATED = /\.min\.js$|\.d\.[cm]?ts$/;

const [gitDir, outDir, revision = 'HEAD'] = process.argv.slice(2);
if (!gitDir || !outDir) {
  console.error('usage: node bench/corpus.mjs <git-dir> <out-dir> [revision]');
  process.exit(2);
}

const listing = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', revision], {
  maxBuffer: 1 << 30,
}).toString();
const wanted = [];
for (const entry of listing.split('\0')) {
  if (!entry) continue;
  const [meta, path] = entry.split('\t');
  const [, type, object] = meta.split(' ');
  if (type === 'blob' && SOURCE.test(path) && !SKIPPED_DIR.test(path) && !GENERATED.test(path)) {
    wanted.push({ object, path });
  }
}

// `cat-file --batch` answers "<sha> missing" for absent objects instead of failing.
const batch = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
let buffer = Buffer.alloc(0);
let index = 0;
let written = 0;
let missing = 0;
batch.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const newline = buffer.indexOf(10);
    if (newline < 0) return;
    const header = buffer.subarray(0, newline).toString();
    if (header.endsWith(' missing')) {
      missing++;
      index++;
      buffer = buffer.subarray(newline + 1);
      continue;
    }
    const size = Number(header.split(' ')[2]);
    if (buffer.length < newline + 1 + size + 1) return;
    const target = join(outDir, wanted[index].path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, buffer.subarray(newline + 1, newline + 1 + size));
    written++;
    index++;
    buffer = buffer.subarray(newline + 1 + size + 1);
  }
});
batch.on('close', () => console.log(`${outDir}: ${written} files written, ${missing} missing from the mirror`));
batch.stdin.end(wanted.map((file) => file.object).join('\n') + '\n');
