import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A service whose start-up installs `process.on('unhandledRejection', log)` (a music shop's API, met in the
// thirty-sixth round): a promise its handlers drop costs a line in the log, not the process, as its author chose. A
// reviewer waves such a finding through; `strict` still reports it. A listener's failure inside `new Promise` also
// leaves the caller's promise unsettled, which the handler does not mend: still reported.
const { write } = scratchProject('logged');

const STORAGE = `export async function removeFiles(bucket: string, keys: string[]): Promise<void> {
  const response = await fetch(\`https://storage.example.com/\${bucket}/delete\`, {
    method: 'POST', body: JSON.stringify(keys), signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(String(response.status));
}
`;
const ROUTE = `import { removeFiles } from './storage';
import type { Readable } from 'node:stream';
export function deleteAlbum(bucket: string, keys: string[]): void {
  removeFiles(bucket, keys);
}
export function receive(form: { on(event: 'file', listener: (name: string, file: Readable) => void): void }, bucket: string): Promise<void> {
  return new Promise((resolve) => {
    form.on('file', async (name) => {
      await removeFiles(bucket, [name]);
      resolve();
    });
  });
}
`;

const serviceScripts = { scripts: { 'api:start': 'ts-node src/index.ts', dev: 'nodemon src/index.ts' }, dependencies: { express: '^5.0.0' } };
write('logs/package.json', JSON.stringify({ name: 'shop-api', private: true, ...serviceScripts }));
write('logs/src/index.ts', `import express from 'express';
const app = express();
// background work must not take the API down
process.on('unhandledRejection', (reason) => {
  console.error(\`unhandled rejection: \${String(reason)}\`);
});
app.listen(3000);
`);
write('logs/src/storage.ts', STORAGE);
const logged = write('logs/src/albums.ts', ROUTE);

write('exits/package.json', JSON.stringify({ name: 'shop-api', private: true, ...serviceScripts }));
write('exits/src/index.ts', `import express from 'express';
const app = express();
process.on('unhandledRejection', (reason) => {
  console.error(reason);
  process.exit(1);
});
app.listen(3000);
`);
write('exits/src/storage.ts', STORAGE);
const exits = write('exits/src/albums.ts', ROUTE);

function findings(file: string, preset: 'all' | 'strict'): string[] {
  return lintWithPreset(file, preset)
    .filter((message) => message.fatal || message.ruleId === 'resilint/no-unprotected-call')
    .map((message) => `${message.line}:${message.message.slice(0, 40)}`);
}

describe('promises dropped where the process logs unhandled rejections', () => {
  it('leaves a dropped promise alone, and reports the listener that leaves a promise unsettled', () => {
    expect(findings(logged, 'all')).toEqual(['9:The failure of removeFiles escapes from ']);
  });

  it('reports both under strict', () => {
    expect(findings(logged, 'strict')).toEqual(['4:The failure of removeFiles escapes: its ', '9:The failure of removeFiles escapes from ']);
  });

  it('reports both when the handler ends the process', () => {
    expect(findings(exits, 'all')).toEqual(['4:The failure of removeFiles escapes: its ', '9:The failure of removeFiles escapes from ']);
  });
});

// A server started by a small `bin` script that only loads the built package (`require('../dist')`, the forty-first
// round's marine data server): the handler is installed in the package's set-up, which `dist` stands for as `src`.
const STARTER = `#!/usr/bin/env node
const Server = require('../dist');
new Server().start();
`;
write('bin-start/package.json', JSON.stringify({ name: 'boat-server', bin: { 'boat-server': 'bin/boat-server' }, scripts: { start: 'node bin/boat-server' }, dependencies: { express: '^5.0.0' } }));
write('bin-start/bin/boat-server', STARTER);
write('bin-start/src/index.ts', `export default class Server {
  start(): void {
    process.on('unhandledRejection', (reason) => console.error('unhandled rejection', reason));
  }
}
`);
write('bin-start/src/storage.ts', STORAGE);
const startedByBin = write('bin-start/src/albums.ts', ROUTE);

write('bin-bare/package.json', JSON.stringify({ name: 'boat-server', bin: { 'boat-server': 'bin/boat-server' }, scripts: { start: 'node bin/boat-server' }, dependencies: { express: '^5.0.0' } }));
write('bin-bare/bin/boat-server', STARTER);
write('bin-bare/src/index.ts', `export default class Server {
  start(): void {}
}
`);
write('bin-bare/src/storage.ts', STORAGE);
const bareBin = write('bin-bare/src/albums.ts', ROUTE);

describe('a handler installed by the module a start script loads', () => {
  it('counts, read through the built folder the script requires', () => {
    expect(findings(startedByBin, 'all')).toEqual(['9:The failure of removeFiles escapes from ']);
  });

  it('is not imagined where that module installs none', () => {
    expect(findings(bareBin, 'all')).toEqual(['4:The failure of removeFiles escapes: its ', '9:The failure of removeFiles escapes from ']);
  });
});
