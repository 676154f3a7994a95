import { RuleTester } from '@typescript-eslint/rule-tester';
import { it } from 'vitest';
import rule from './no-unprotected-call.js';

const ruleTester = new RuleTester();
const strict = [{ scope: 'function' as const }];
// A back end's entry: its server class starts itself from its constructor, and the module makes it once as it loads
// (the fortieth round's mempool back end). A failed start-up then ends the process at boot, as a dropped main() does.
const serverEntry = (made: string) => `import express from 'express';
class Server {
  private readonly app = express();
  constructor() {
    void this.start();
  }
  async start() {
    const response = await fetch('https://config.example.net/boot', { signal: AbortSignal.timeout(5_000) });
    this.app.listen(Number(await response.text()));
  }
}
${made}`;
// A command-line program whose command handler starts its async work without awaiting it (a localisation CLI, the
// fortieth round): the dropped rejection ends the run with exit code 1, as a script's dropped `main()` does.
const commandLine = (shebang: string) => `${shebang}import { program } from 'commander';
async function publish(version: string) {
  const response = await fetch('https://l10n.example.com/publish/' + version, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error('publish failed: ' + response.status);
}
program.command('publish <version>').action((version: string) => {
  publish(version);
});
program.parse(process.argv);`;


ruleTester.run('no-unprotected-call', rule, {
  valid: [
    // promises dropped in a page (by default): a rejection there is a line in the console, and the page goes on
    `const show = (text: string) => { document.title = text; };\nexport function refresh() { fetch('https://api.example.com/me').then((response) => response.text()).then(show); }`,
    `async function main() { await fetch('https://api.example.com/me'); }\nmain();\ndocument.title = 'Home';`,
    // a page's fire-and-forget ping (met on tianji's web app): its failure is a console line, nothing waits for it
    `const pingOnce = () => { fetch('https://telemetry.example.io/ping.gif'); };\ndocument.addEventListener('visibilitychange', pingOnce);`,
    // A recursive walk of a document tree that hands itself to \`map\` (each node's children visited by the same
    // function): its failure reaches the caller, who awaits the walk; following it must not go round for ever.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
type DocNode = { type: string; attrs?: { id: string }; content?: DocNode[] };
export async function withNames(doc: DocNode): Promise<DocNode> {
  const visit = async (node: DocNode): Promise<DocNode> => {
    if (node.type === 'mention' && node.attrs) {
      const user = await prisma.user.findUnique({ where: { id: node.attrs.id } });
      return { ...node, attrs: { ...node.attrs, id: user?.name ?? node.attrs.id } };
    }
    if (node.content) node.content = await Promise.all(node.content.map(visit));
    return node;
  };
  return await visit(doc);
}`,
    // The async function called at once keeps a rejection handler: what it awaits is handled there.
    `import axios from 'axios';
const members = axios.create({ baseURL: 'https://members.example.com', timeout: 5000 });
export function rebuild(listId: string) {
  void (async () => {
    await members.get('/lists/' + listId);
  })().catch((error: unknown) => { console.error('rebuild failed', error); });
}`,
    // the promises of a map(async ...) awaited together, settled, or each failure logged: nothing escapes
    `export async function publish(slugs: string[]) { const results = await Promise.allSettled(slugs.map(async (slug) => { await fetch('https://cdn.example.com/purge/' + slug, { method: 'POST' }); })); return results; }`,
    `export function publishLater(slugs: string[]) {
  void Promise.allSettled(slugs.map(async (slug) => { await fetch('https://cdn.example.com/purge/' + slug, { method: 'POST' }); })).then((results) => {
    for (const result of results) {
      if (result.status === 'rejected') console.error('slugs.map: an item failed', result.reason);
    }
  });
}`,
    // got.stream returns a stream: its failure is an 'error' event, here handed to the promise's reject
    `import got from 'got';
export const show = (url: string) => new Promise((resolve, reject) => {
  const stream = got.stream(url);
  stream.on('error', reject);
  stream.on('end', resolve);
  stream.pipe(process.stdout);
});`,
    // piped with the promised pipeline, whose promise rejects when the stream fails, and awaited
    `import got from 'got';\nimport { pipeline } from 'node:stream/promises';\nimport { createWriteStream } from 'node:fs';\nexport async function save(url: string, path: string) { await pipeline(got.stream(url), createWriteStream(path)); }`,
    // awaited or returned inside a function: the caller receives the failure
    `export async function getUser(id: string) { const res = await fetch('/users/' + id); return res.json(); }`,
    `export function getUser(id: string) { return fetch('/users/' + id).then((res) => res.json()); }`,
    `export const getUser = (id: string) => fetch('/users/' + id);`,
    `class Users { async load() { return (await fetch('/users')).json(); } }`,
    // caught here
    `async function main() { try { await fetch('/api'); } catch (error) { console.error(error); } }`,
    `fetch('/api').then((res) => res.json()).catch((error) => console.error(error));`,
    `fetch('/api').then(render, showError);`,
    `const pending = fetch('/api'); pending.catch(report);`,
    `try { await fetch('/api'); } catch { useCache(); }`,
    `async function load() { const [a, b] = await Promise.allSettled([fetch('/a'), fetch('/b')]); }`,
    `Promise.allSettled(urls.map((url) => fetch(url))).then(render);`,
    `async function loadAll() { try { await Promise.all(urls.map(async (url) => { const res = await fetch(url); return res.json(); })); } catch (e) { log(e); } }`,
    // a catch later in the chain, after a then
    `fetch('/a').then((r) => r.json()).then(render).finally(done).catch(report);`,
    // a callback-style client gets the error in its callback
    `import mysql from 'mysql2'; const conn = mysql.createConnection(opts); conn.query('select 1', (err, rows) => { if (err) return log(err); use(rows); });`,
    // http request with an error listener
    `import https from 'node:https'; https.get('https://x', { timeout: 1000 }, (res) => res.resume()).on('error', log);`,
    `import http from 'node:http'; const req = http.request(opts, onResponse); req.on('error', log); req.end();`,
    // policies that turn failure into a value
    `import { fallback, pipeline, retry, timeout } from '@resilint/runtime'; const policy = pipeline(fallback(() => []), retry({ maxAttempts: 3 }), timeout(1000)); setInterval(() => { policy.execute(({ signal }) => fetch('/poll', { signal })); }, 1000);`,
    `import { fallback, handleAll, wrap, retry } from 'cockatiel'; const safe = wrap(fallback(handleAll, null), retry(handleAll, { maxAttempts: 2 })); setTimeout(() => safe.execute(() => fetch('/x')), 10);`,
    `import CircuitBreaker from 'opossum'; const breaker = new CircuitBreaker(() => fetch('/x')); breaker.fallback(() => null); breaker.fire();`,
    {
      code: `import { safely } from '@acme/resilience'; setTimeout(() => safely(() => fetch('/x')), 10);`,
      settings: { resilint: { wrappers: [{ module: '@acme/resilience', export: 'safely' }] } },
    },
    {
      code: `setTimeout(() => guard(fetch('/x')), 10);`,
      settings: { resilint: { wrappers: ['guard'] } },
    },
    `async function onOrder(id: string) { try { await fetch('/orders/' + id); } catch (e) { log(e); } } emitter.on('order', onOrder);`,
    `export async function load() { return fetch('/x'); } app.get('/x', load);`,
    // a policy from elsewhere may hold a fallback: not guessed at
    `import { resilient } from './policies'; setTimeout(() => resilient.execute(() => fetch('/x')), 10);`,
    // handed to code we cannot follow: not guessed at
    `app.get('/users', async (req, res) => { res.json(await (await fetch('/upstream')).json()); });`,
    `it('loads', async () => { await fetch('/api'); });`,
    `expect(fetch('/x')).rejects.toThrow();`,
    // not external calls at all
    `function fetch(url: string) { return Promise.resolve(url); } fetch('/x');`,
    `const cache = new Map(); setTimeout(() => cache.get('k'), 10);`,
    `import axios from 'axios'; export async function list() { return (await axios.get('/api', { timeout: 1000 })).data; }`,
    // a catch that logs and rethrows still hands the failure to the caller (boundary scope)
    `export async function load() { try { return await fetch('/x'); } catch (error) { log(error); throw error; } }`,
    {
      code: `export const Like = () => <button onClick={() => fetch('/like', { method: 'POST' }).catch(report)}>Like</button>;`,
      filename: 'like.tsx',
    },
    // strict scope: handled in its own function
    { code: `export async function getUser() { try { return await fetch('/u'); } catch { return null; } }`, options: strict },
    { code: `export function getUser() { return fetch('/u').catch(() => null); }`, options: strict },
    // a script's entry point: an unhandled rejection exits the process with an error, as a failed script should
    `async function main() { const response = await fetch('https://api.example.com/report'); console.log(await response.json()); }\nmain();`,
    `async function run() { await fetch('https://api.example.com/sync', { method: 'POST' }); }\nrun().then(() => console.log('synced'));`,
    `async function main() { await fetch('https://api.example.com/sync', { method: 'POST' }); }\nawait main();`,
    commandLine('#!/usr/bin/env node\n'),
    serverEntry('((): Server => new Server())();'),
    serverEntry('new Server();'),
    // a service's start-up put off to the next turn by the module's top-level code: a failure ends the process at boot
    `setImmediate(async () => {\n  const settings = await fetch('https://config.example.com/services/indexer').then((response) => response.json());\n  startIndexer(settings);\n});\ndeclare function startIndexer(settings: unknown): void;`,
    `process.nextTick(async () => { await fetch('https://registry.example.com/instances', { method: 'PUT' }); });`,
    // a command-line program (a shebang): whatever it calls at the top, a failure ends it with an error
    `#!/usr/bin/env node\nasync function sync() { await fetch('https://api.example.com/sync', { method: 'POST' }); }\nsync();`,
    // A report whose promise never rejects: its POST sits in a try whose catch logs, and throws again only in
    // debug mode, so the shipped behaviour never rejects and a floating call of it loses nothing.
    `async function sendUsage(event: string) {
  try { await fetch('https://usage.example.com/collect', { method: 'POST', body: event }); }
  catch (error) { if (settings.debugMode) { throw error; } console.debug('dropped', error); }
}
export function reportLogin() { return sendUsage('login'); }
export function onLogin() { reportLogin(); void sendUsage('login_seen'); }`,
    `async function sendUsage(event: string) {
  try { await fetch('https://usage.example.com/collect', { method: 'POST', body: event }); }
  catch (error) { if (process.env.NODE_ENV !== 'production') throw error; }
}
export function onLogin() { sendUsage('login'); }`,
    // A rebuild tried three times whose last failure escapes only at start-up, an option that defaults to off: a
    // call giving no options (a refresh in the background) cannot reject.
    `async function rebuildIndex(opts = { atStartup: false }) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try { await fetch('https://index.example.com/items', { signal: AbortSignal.timeout(10_000) }); return; }
    catch (error) { if (attempt === 3 && opts.atStartup) throw error; await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt)); }
  }
}
export function afterAdd() { void rebuildIndex(); }`,
    `async function rebuildIndex({ atStartup = false } = {}) {
  try { await fetch('https://index.example.com/items', { signal: AbortSignal.timeout(10_000) }); }
  catch (error) { if (atStartup) throw error; console.warn('index rebuild failed', error); }
}
export function afterAdd() { void rebuildIndex(); }`,
    // returns the request with its own rejection handler
    `function notifyUpgrade(version: string) { return fetch('https://usage.example.com/upgrade', { method: 'POST', body: version }).catch((error) => console.debug(error)); }
export function onUpgrade() { notifyUpgrade('2.0'); }`,
    // A function handed to a same-file helper that handles the failure where it calls it.
    `export class Connection extends EventEmitter {
  constructor() { super(); this.on('close', () => { this.reconnectLater(this.open); }); }
  async open() { const res = await fetch('https://api.example.com/connections.open', { method: 'POST', signal: AbortSignal.timeout(5000) }); return res.json(); }
  private reconnectLater(attempt: () => Promise<unknown>) {
    return new Promise((resolve) => { setTimeout(() => { attempt.apply(this).then(resolve, (error) => this.emit('error', error)); }, 1000); });
  }
}`,
    // A helper that awaits what it is given passes the failure on only for the wrapper it was given.
    `async function withLock<T>(task: () => Promise<T>): Promise<T> { await lock.acquire(); try { return await task(); } finally { lock.release(); } }
async function pushAll() { await fetch('https://api.example.com/sync', { method: 'POST' }); }
async function tidyLocalFiles() { await removeTemporaryFiles(); }
export async function sync() { await withLock(pushAll); }
export function tidy() { withLock(tidyLocalFiles); }`,
    // A NestJS service made once at start-up checks its storage and throws on purpose when it does not answer: the
    // author wants the app to stop, which the unhandled rejection does (hedgedoc's WebDAV back end).
    `import { Injectable } from '@nestjs/common';
@Injectable()
export class StorageBackend {
  constructor(private readonly base: string) {
    fetch(base, { method: 'PROPFIND', signal: AbortSignal.timeout(5000) })
      .then((response) => { if (!response.ok) throw new Error('storage answered ' + response.status); })
      .catch(() => { throw new Error('cannot reach storage at ' + base); });
  }
}`,
    `import { Injectable, OnModuleInit } from '@nestjs/common';
@Injectable()
export class SearchIndex implements OnModuleInit {
  onModuleInit() {
    fetch('https://search.example.com/_cluster/health', { signal: AbortSignal.timeout(5000) }).catch((error) => {
      this.logger.error('search index unreachable', error);
      throw error;
    });
  }
}`,
  ],
  invalid: [
    // An async function called at once and dropped (a background rebuild in a service): the calls it awaits fail into
    // its promise, which nobody keeps. One finding at that call, whose fix is a `.catch` there, not one per call inside.
    {
      code: `import axios from 'axios';
const members = axios.create({ baseURL: 'https://members.example.com', timeout: 5000 });
export class ListService {
  rebuild(listId: string) {
    (async () => {
      const { data } = await members.get('/lists/' + listId);
      for (const id of data.ids) await members.post('/checked/' + id);
    })();
  }
}`,
      errors: [{
        message: 'The failure of axios.get escapes: it is awaited inside an async function called here, whose promise is not awaited, returned or given a rejection handler, so a failure becomes an unhandled rejection.',
        line: 5, column: 5, endLine: 5, endColumn: 18,
        suggestions: [
          { messageId: 'fixAddCatch', data: { call: 'the async task in rebuild' }, output: `import axios from 'axios';
const members = axios.create({ baseURL: 'https://members.example.com', timeout: 5000 });
export class ListService {
  rebuild(listId: string) {
    (async () => {
      const { data } = await members.get('/lists/' + listId);
      for (const id of data.ids) await members.post('/checked/' + id);
    })().catch((error: unknown) => { console.error('the async task in rebuild failed', error); });
  }
}` },
        ],
      }],
    },
    // Control: a call left unawaited inside such a function is dropped itself, and reported at that call.
    {
      code: `import axios from 'axios';
const members = axios.create({ baseURL: 'https://members.example.com', timeout: 5000 });
export function rebuild(listId: string) {
  (async () => {
    members.post('/checked/' + listId);
  })();
}`,
      errors: [{ messageId: 'floating', line: 5, column: 5, suggestions: 4 }],
    },
    // A map(async ...) whose promises nobody keeps: one finding, at the map, however many calls fail into them; the
    // preferred fix awaits them all, which hands the failure to the caller.
    {
      code: `import axios from 'axios';
const registry = axios.create({ baseURL: 'https://registry.example.com', timeout: 5000 });
export async function refreshVersions(names: string[]): Promise<void> {
  names.map(async (name) => {
    const { data } = await registry.get('/packages/' + name);
    await registry.put('/mirror/' + name, data);
  });
}`,
      errors: [{
        message: 'The failure of axios.get escapes: `names.map(async ...)` makes a promise for each item and nobody awaits them, so each failure becomes an unhandled rejection.',
        line: 4, column: 3, endColumn: 12,
        suggestions: [
          { messageId: 'fixAwaitEveryPromise', data: { map: 'names.map(async ...)', where: 'the caller of this function' }, output: `import axios from 'axios';
const registry = axios.create({ baseURL: 'https://registry.example.com', timeout: 5000 });
export async function refreshVersions(names: string[]): Promise<void> {
  await Promise.all(names.map(async (name) => {
    const { data } = await registry.get('/packages/' + name);
    await registry.put('/mirror/' + name, data);
  }));
}` },
          { messageId: 'fixSettleEveryPromise', output: `import axios from 'axios';
const registry = axios.create({ baseURL: 'https://registry.example.com', timeout: 5000 });
export async function refreshVersions(names: string[]): Promise<void> {
  const results = await Promise.allSettled(names.map(async (name) => {
    const { data } = await registry.get('/packages/' + name);
    await registry.put('/mirror/' + name, data);
  }));
  const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (failures.length > 0) throw new AggregateError(failures, \`\${failures.length} of \${results.length} items failed\`);
}` },
          { messageId: 'fixLogEveryFailure', output: `import axios from 'axios';
const registry = axios.create({ baseURL: 'https://registry.example.com', timeout: 5000 });
export async function refreshVersions(names: string[]): Promise<void> {
  void Promise.allSettled(names.map(async (name) => {
    const { data } = await registry.get('/packages/' + name);
    await registry.put('/mirror/' + name, data);
  })).then((results) => {
    for (const result of results) {
      if (result.status === 'rejected') console.error('names.map: an item failed', result.reason);
    }
  });
}` },
        ],
      }],
    },
    // The map inside a forEach(async ...) of an async function: awaited there, the failure would stop at the forEach,
    // so the fix awaits both, the forEach made a map.
    {
      code: `export async function syncReleases(byPackage: Record<string, string[]>) {
  Object.keys(byPackage).forEach(async (name) => {
    byPackage[name]!.map(async (version) => {
      await fetch('https://mirror.example.com/' + name + '/' + version, { method: 'PUT', signal: AbortSignal.timeout(5000) });
    });
  });
}`,
      errors: [{ messageId: 'droppedMap', line: 3, suggestions: [
        { messageId: 'fixAwaitEveryPromiseAndForEach', data: { map: 'byPackage[name]!.map(async ...)', where: 'the caller of this function' }, output: `export async function syncReleases(byPackage: Record<string, string[]>) {
  await Promise.all(Object.keys(byPackage).map(async (name) => {
    await Promise.all(byPackage[name]!.map(async (version) => {
      await fetch('https://mirror.example.com/' + name + '/' + version, { method: 'PUT', signal: AbortSignal.timeout(5000) });
    }));
  }));
}` },
        { messageId: 'fixLogEveryFailure', output: `export async function syncReleases(byPackage: Record<string, string[]>) {
  Object.keys(byPackage).forEach(async (name) => {
    void Promise.allSettled(byPackage[name]!.map(async (version) => {
      await fetch('https://mirror.example.com/' + name + '/' + version, { method: 'PUT', signal: AbortSignal.timeout(5000) });
    })).then((results) => {
      for (const result of results) {
        if (result.status === 'rejected') console.error('byPackage[name]!.map: an item failed', result.reason);
      }
    });
  });
}` },
      ] }],
    },
    // In a try whose catch handles the failure, awaiting hands it there.
    {
      code: `export async function warm(keys: string[]) {
  try {
    keys.flatMap(async (key) => [await fetch('https://cache.example.com/' + key, { signal: AbortSignal.timeout(2000) })]);
  } catch (error) {
    console.warn('warming failed', error);
  }
}`,
      errors: [{ messageId: 'droppedMap', line: 3, suggestions: [
        { messageId: 'fixAwaitEveryPromise', data: { map: 'keys.flatMap(async ...)', where: 'the catch around it' }, output: `export async function warm(keys: string[]) {
  try {
    await Promise.all(keys.flatMap(async (key) => [await fetch('https://cache.example.com/' + key, { signal: AbortSignal.timeout(2000) })]));
  } catch (error) {
    console.warn('warming failed', error);
  }
}` },
        { messageId: 'fixSettleEveryPromise', output: `export async function warm(keys: string[]) {
  try {
    const results = await Promise.allSettled(keys.flatMap(async (key) => [await fetch('https://cache.example.com/' + key, { signal: AbortSignal.timeout(2000) })]));
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    if (failures.length > 0) throw new AggregateError(failures, \`\${failures.length} of \${results.length} items failed\`);
  } catch (error) {
    console.warn('warming failed', error);
  }
}` },
        { messageId: 'fixLogEveryFailure', output: `export async function warm(keys: string[]) {
  try {
    void Promise.allSettled(keys.flatMap(async (key) => [await fetch('https://cache.example.com/' + key, { signal: AbortSignal.timeout(2000) })])).then((results) => {
      for (const result of results) {
        if (result.status === 'rejected') console.error('keys.flatMap: an item failed', result.reason);
      }
    });
  } catch (error) {
    console.warn('warming failed', error);
  }
}` },
      ] }],
    },
    // Where no await can be written (a function that is not async), or an await would only move the failure to a
    // listener whose promise nobody keeps, each failure is logged.
    ...[
      `export function purgeAll(slugs: string[]): void {
  void slugs.map(async (slug) => { await fetch('https://cdn.example.com/purge/' + slug, { method: 'POST' }); });
}`,
      `import { EventEmitter } from 'node:events';
export const hub = new EventEmitter();
hub.on('published', async (slugs: string[]) => {
  slugs.map(async (slug) => { await fetch('https://cdn.example.com/purge/' + slug, { method: 'POST' }); });
});`,
    ].map((code) => ({
      code,
      errors: [{ messageId: 'droppedMap' as const, suggestions: [{ messageId: 'fixLogEveryFailure' as const, output: code.replace(/(?:void )?slugs\.map\((.*)\);\n/, (_, inner: string) =>
        `void Promise.allSettled(slugs.map(${inner})).then((results) => {\n    for (const result of results) {\n      if (result.status === 'rejected') console.error('slugs.map: an item failed', result.reason);\n    }\n  });\n`) }] }],
    })),
    // The same check in a request-scoped provider fails one request by an unhandled rejection, not the start-up.
    { code: `import { Injectable, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.REQUEST })
export class StorageBackend {
  constructor(private readonly base: string) {
    fetch(base, { method: 'PROPFIND', signal: AbortSignal.timeout(5000) }).catch(() => { throw new Error('cannot reach storage'); });
  }
}`, errors: [{ messageId: 'floating', line: 5, suggestions: 4 }] },
    // ...and in a method that runs per upload, or with a handler that only sometimes throws, it is a real escape.
    { code: `import { Injectable } from '@nestjs/common';
@Injectable()
export class StorageBackend {
  upload(base: string, body: Buffer) {
    fetch(base, { method: 'PUT', body, signal: AbortSignal.timeout(5000) }).catch(() => { throw new Error('upload failed'); });
  }
}`, errors: [{ messageId: 'floating', line: 5, suggestions: 4 }] },
    { code: `import { Injectable } from '@nestjs/common';
@Injectable()
export class StorageBackend {
  constructor(private readonly base: string) {
    fetch(base, { method: 'PROPFIND', signal: AbortSignal.timeout(5000) }).catch((error) => { if (error.name === 'AbortError') return; throw error; });
  }
}`, errors: [{ messageId: 'floating', line: 5, suggestions: 4 }] },
    // A reconnect handed to a same-file helper whose timer calls it with no rejection handler: the failure of the
    // connection request becomes an unhandled rejection there, where the handler belongs.
    { code: `export class Connection extends EventEmitter {
  constructor() { super(); this.on('close', () => { this.reconnectLater(this.open); }); }
  async open() { const res = await fetch('https://api.example.com/connections.open', { method: 'POST', signal: AbortSignal.timeout(5000) }); return res.json(); }
  private reconnectLater(attempt: () => Promise<unknown>) {
    return new Promise((resolve) => { setTimeout(() => { attempt.apply(this).then(resolve); }, 1000); });
  }
}`, errors: [{ messageId: 'floating', data: { call: 'attempt (this.open)' }, line: 5, column: 58, suggestions: 4 }] },
    // ...and where the helper hands the failure back, the call that gave it the wrapper is where it escapes.
    { code: `async function withLock<T>(task: () => Promise<T>): Promise<T> { await lock.acquire(); try { return await task(); } finally { lock.release(); } }
async function pushAll() { await fetch('https://api.example.com/sync', { method: 'POST' }); }
export function syncLater() { setTimeout(() => { withLock(pushAll); }, 1000); }`, errors: [{ messageId: 'floating', data: { call: 'withLock' }, line: 3, suggestions: 4 }] },
    // a catch that throws again unless in debug mode rejects in production
    { code: `async function sendUsage(event: string) {
  try { await fetch('https://usage.example.com/collect', { method: 'POST', body: event }); }
  catch (error) { if (!settings.debugMode) throw error; }
}
export function onLogin() { sendUsage('login'); }`, errors: [{ messageId: 'floating', data: { call: 'sendUsage' }, line: 5, suggestions: 4 }] },
    // ...unless the option that turns the rethrow on defaults to on
    { code: `async function rebuildIndex({ atStartup = true } = {}) {
  try { await fetch('https://index.example.com/items', { signal: AbortSignal.timeout(10_000) }); }
  catch (error) { if (atStartup) throw error; console.warn('index rebuild failed', error); }
}
export function afterAdd() { void rebuildIndex(); }`, errors: [{ messageId: 'floating', data: { call: 'rebuildIndex' }, line: 5, suggestions: 4 }] },
    // a catch that throws again for some errors lets those through
    { code: `async function pushOrder(order: string) {
  try { await fetch('https://api.example.com/orders', { method: 'POST', body: order }); }
  catch (error) { if ((error as { status?: number }).status !== 409) throw error; }
}
export function onCheckout(order: string) { pushOrder(order); }`, errors: [{ messageId: 'floating', data: { call: 'pushOrder' }, line: 5, suggestions: 4 }] },
    // a rejection handler that logs and throws again hands the failure on
    { code: `fetch('https://api.example.com/orders', { method: 'POST' }).catch((error) => { console.error(error); throw error; });`, errors: [{ messageId: 'floating', suggestions: 4 }] },
    { code: `fetch('https://api.example.com/orders', { method: 'POST' }).then(render, (error) => Promise.reject(error));`, errors: [{ messageId: 'floating', suggestions: 4 }] },
    // the same start in a page: a rejection there is logged and forgotten; reported when pages are asked for
    { code: `async function main() { await fetch('https://api.example.com/me'); }\nmain();\ndocument.title = 'Home';`, options: [{ checkPages: true }], errors: [{ messageId: 'floating', suggestions: 4 }] },
    // a page's request whose answer it uses, dropped: the page waits for an update that never comes
    { code: `const show = (text: string) => { document.title = text; };\nexport function refresh() { fetch('https://api.example.com/me').then((response) => response.text()).then(show); }`, options: [{ checkPages: true }], errors: [{ messageId: 'floating', suggestions: 4 }] },
    // the same class made on each request is no start-up
    { code: serverEntry("express().get('/restart', () => new Server());"), errors: [{ messageId: 'floating', data: { call: 'this.start' }, line: 5, suggestions: 4 }] },
    // the same handler in a module that is no command-line program's: a server registering a command for its shell
    { code: commandLine(''), errors: [{ messageId: 'floating', data: { call: 'publish' }, line: 7, suggestions: 4 }] },
    // the same ping on a server is still reported
    { code: `export function ping() { fetch('https://telemetry.example.io/ping'); }`, errors: [{ messageId: 'floating', suggestions: 4 }] },
    // the start-up in a page, a start-up put off from inside a function, what the start-up sets going, a delayed job
    { code: `setImmediate(async () => { await fetch('https://api.example.com/me'); });\ndocument.title = 'Home';`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'setImmediate' }, suggestions: 5 }] },
    { code: `export function boot() { setImmediate(async () => { await fetch('https://api.example.com/me'); }); }`, errors: [{ messageId: 'callback', suggestions: 5 }] },
    { code: `import { EventEmitter } from 'node:events';\nconst jobs = new EventEmitter();\nsetImmediate(async () => {\n  jobs.on('job', async (id: string) => { await fetch(\`https://api.example.com/jobs/\${id}\`, { method: 'POST' }); });\n});`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: "'job' listener" }, suggestions: 5 }] },
    { code: `setTimeout(async () => { await fetch('https://api.example.com/digest', { method: 'POST' }); }, 60_000);`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'setTimeout' }, suggestions: 5 }] },
    // started from inside a function: not the script's own entry point
    { code: `async function main() { await fetch('https://api.example.com/me'); }\nexport function boot() { main(); }`, errors: [{ messageId: 'floating', suggestions: 4 }] },
    { code: `fetch('/api/track', { method: 'POST', body });`, errors: [{ messageId: 'floating', data: { call: 'fetch' }, suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

fallback(undefined).execute(({ signal }) => fetch('/api/track', { method: 'POST', body, signal }));` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const trackBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

pipeline(
  fallback(undefined),
  trackBreaker,
).execute(({ signal }) => fetch('/api/track', { method: 'POST', body, signal }));` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';

const trackBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

pipeline(
  fallback(undefined),
  trackBreaker,
  timeout(5_000),
).execute(({ signal }) => fetch('/api/track', { method: 'POST', body, signal }));` }, { messageId: 'fixAddCatch', output: `fetch('/api/track', { method: 'POST', body }).catch((error: unknown) => { console.error('fetch failed', error); });` }] }] },
    { code: `void fetch('/api/track');`, errors: [{ messageId: 'floating', suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

void fallback(undefined).execute(({ signal }) => fetch('/api/track', { signal }));` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const trackBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

void pipeline(
  fallback(undefined),
  trackBreaker,
).execute(({ signal }) => fetch('/api/track', { signal }));` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const trackBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

void pipeline(
  fallback(undefined),
  trackBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/api/track', { signal }));` }, { messageId: 'fixAddCatch', output: `void fetch('/api/track').catch((error: unknown) => { console.error('fetch failed', error); });` }] }] },
    { code: `fetch('/api').then((res) => res.json()).then(render);`, errors: [{ messageId: 'floating', suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }).execute(({ signal }) => fetch('/api', { signal })).then((res) => res.json()).then(render);` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
).execute(({ signal }) => fetch('/api', { signal })).then((res) => res.json()).then(render);` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/api', { signal })).then((res) => res.json()).then(render);` }, { messageId: 'fixAddCatch', output: `fetch('/api').then((res) => res.json()).then(render).catch((error: unknown) => { console.error('fetch failed', error); });` }] }] },
    { code: `fetch('/api').finally(done);`, errors: [{ messageId: 'floating', suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }).execute(({ signal }) => fetch('/api', { signal })).finally(done);` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
).execute(({ signal }) => fetch('/api', { signal })).finally(done);` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/api', { signal })).finally(done);` }, { messageId: 'fixAddCatch', output: `fetch('/api').finally(done).catch((error: unknown) => { console.error('fetch failed', error); });` }] }] },
    { code: `const pending = fetch('/api');`, errors: [{ messageId: 'floating', suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

const pending = fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }).execute(({ signal }) => fetch('/api', { signal }));` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

const pending = pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
).execute(({ signal }) => fetch('/api', { signal }));` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

const pending = pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/api', { signal }));` }] }] },
    { code: `setInterval(async () => { const res = await fetch('/poll'); update(await res.json()); }, 5000);`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'setInterval' }, suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

setInterval(async () => { const res = await fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }).execute(({ signal }) => fetch('/poll', { signal })); update(await res.json()); }, 5000);` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const pollBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

setInterval(async () => { const res = await pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  pollBreaker,
).execute(({ signal }) => fetch('/poll', { signal })); update(await res.json()); }, 5000);` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const pollBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

setInterval(async () => { const res = await pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  pollBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/poll', { signal })); update(await res.json()); }, 5000);` }] }] },
    { code: `setTimeout(() => fetch('/ping'), 100);`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'setTimeout' }, suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

setTimeout(() => fallback(undefined).execute(({ signal }) => fetch('/ping', { signal })), 100);` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const pingBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

setTimeout(() => pipeline(
  fallback(undefined),
  pingBreaker,
).execute(({ signal }) => fetch('/ping', { signal })), 100);` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const pingBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

setTimeout(() => pipeline(
  fallback(undefined),
  pingBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/ping', { signal })), 100);` }, { messageId: 'fixAddCatch', output: `setTimeout(() => fetch('/ping').catch((error: unknown) => { console.error('fetch failed', error); }), 100);` }] }] },
    { code: `emitter.on('order', async (order) => { await fetch('/orders', { method: 'POST', body: order }); });`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: "'order' listener" }, suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

emitter.on('order', async (order) => { await fallback(undefined).execute(({ signal }) => fetch('/orders', { method: 'POST', body: order, signal })); });` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const ordersBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

emitter.on('order', async (order) => { await pipeline(
  fallback(undefined),
  ordersBreaker,
).execute(({ signal }) => fetch('/orders', { method: 'POST', body: order, signal })); });` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';

const ordersBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

emitter.on('order', async (order) => { await pipeline(
  fallback(undefined),
  ordersBreaker,
  timeout(5_000),
).execute(({ signal }) => fetch('/orders', { method: 'POST', body: order, signal })); });` }, { messageId: 'fixAddCatch', output: `emitter.on('order', async (order) => { await fetch('/orders', { method: 'POST', body: order }).catch((error: unknown) => { console.error('fetch failed', error); }); });` }, { messageId: 'fixWrapInTryCatch', output: `emitter.on('order', async (order) => { try { await fetch('/orders', { method: 'POST', body: order }); } catch (error) { console.error('fetch failed', error); } });` }] }] },
    { code: `button.addEventListener('click', async () => { await fetch('/like', { method: 'POST' }); });`, errors: [{ messageId: 'callback', suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

button.addEventListener('click', async () => { await fallback(undefined).execute(({ signal }) => fetch('/like', { method: 'POST', signal })); });` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const likeBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

button.addEventListener('click', async () => { await pipeline(
  fallback(undefined),
  likeBreaker,
).execute(({ signal }) => fetch('/like', { method: 'POST', signal })); });` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';

const likeBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

button.addEventListener('click', async () => { await pipeline(
  fallback(undefined),
  likeBreaker,
  timeout(5_000),
).execute(({ signal }) => fetch('/like', { method: 'POST', signal })); });` }, { messageId: 'fixAddCatch', output: `button.addEventListener('click', async () => { await fetch('/like', { method: 'POST' }).catch((error: unknown) => { console.error('fetch failed', error); }); });` }, { messageId: 'fixWrapInTryCatch', output: `button.addEventListener('click', async () => { try { await fetch('/like', { method: 'POST' }); } catch (error) { console.error('fetch failed', error); } });` }] }] },
    { code: `ids.forEach(async (id) => { await fetch('/users/' + id); });`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'forEach' }, suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

ids.forEach(async (id) => { await fallback(undefined).execute(({ signal }) => fetch('/users/' + id, { signal })); });` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const usersBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

ids.forEach(async (id) => { await pipeline(
  fallback(undefined),
  usersBreaker,
).execute(({ signal }) => fetch('/users/' + id, { signal })); });` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const usersBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

ids.forEach(async (id) => { await pipeline(
  fallback(undefined),
  usersBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/users/' + id, { signal })); });` }, { messageId: 'fixAddCatch', output: `ids.forEach(async (id) => { await fetch('/users/' + id).catch((error: unknown) => { console.error('fetch failed', error); }); });` }, { messageId: 'fixWrapInTryCatch', output: `ids.forEach(async (id) => { try { await fetch('/users/' + id); } catch (error) { console.error('fetch failed', error); } });` }] }] },
    { code: `process.nextTick(() => fetch('/x'));`, errors: [{ messageId: 'callback', suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

process.nextTick(() => fallback(undefined).execute(({ signal }) => fetch('/x', { signal })));` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const xBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

process.nextTick(() => pipeline(
  fallback(undefined),
  xBreaker,
).execute(({ signal }) => fetch('/x', { signal })));` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const xBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

process.nextTick(() => pipeline(
  fallback(undefined),
  xBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/x', { signal })));` }, { messageId: 'fixAddCatch', output: `process.nextTick(() => fetch('/x').catch((error: unknown) => { console.error('fetch failed', error); }));` }] }] },
    { code: `const res = await fetch('/config'); export const config = await res.json();`, errors: [{ messageId: 'topLevel', suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

const res = await fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }).execute(({ signal }) => fetch('/config', { signal })); export const config = await res.json();` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

const res = await pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
).execute(({ signal }) => fetch('/config', { signal })); export const config = await res.json();` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

const res = await pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  httpBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/config', { signal })); export const config = await res.json();` }] }] },
    // an async function called at once and dropped: reported at that call; with one call inside, that call's fixes too
    { code: `(async () => { await fetch('/warmup'); })();`, errors: [{ messageId: 'droppedAsyncCall', suggestions: [{ messageId: 'fixAddCatch', output: `(async () => { await fetch('/warmup'); })().catch((error: unknown) => { console.error('the async task failed', error); });` }, { messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

(async () => { await fallback(undefined).execute(({ signal }) => fetch('/warmup', { signal })); })();` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const warmupBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

(async () => { await pipeline(
  fallback(undefined),
  warmupBreaker,
).execute(({ signal }) => fetch('/warmup', { signal })); })();` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const warmupBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

(async () => { await pipeline(
  fallback(undefined),
  warmupBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/warmup', { signal })); })();` }, { messageId: 'fixWrapInTryCatch', output: `(async () => { try { await fetch('/warmup'); } catch (error) { console.error('fetch failed', error); } })();` }] }] },
    // a named function passed to a timer: reported once, at the call inside it
    { code: `async function sync() { await Promise.all(urls.map((url) => fetch(url))); } setTimeout(sync, 1000); setTimeout(() => sync(), 1000);`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'setTimeout' }, suggestions: 3 }] },
    { code: `import axios from 'axios'; axios.post('/audit', entry, { timeout: 1000 });`, errors: [{ messageId: 'floating', data: { call: 'axios.post' }, suggestions: [{ messageId: 'fixAddFallback', output: `import axios from 'axios';
import { fallback } from '@resilint/runtime'; fallback(undefined).execute(({ signal }) => axios.post('/audit', entry, { timeout: 1000, signal }));` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import axios from 'axios';
import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';
const auditBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 }); pipeline(
  fallback(undefined),
  auditBreaker,
).execute(({ signal }) => axios.post('/audit', entry, { timeout: 1000, signal }));` }, { messageId: 'fixWrapInPipeline', output: `import axios from 'axios';
import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';
const auditBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 }); pipeline(
  fallback(undefined),
  auditBreaker,
  timeout(5_000),
).execute(({ signal }) => axios.post('/audit', entry, { timeout: 1000, signal }));` }, { messageId: 'fixAddCatch', output: `import axios from 'axios'; axios.post('/audit', entry, { timeout: 1000 }).catch((error: unknown) => { console.error('axios.post failed', error); });` }] }] },
    { code: `import { Pool } from 'pg'; const pool = new Pool(); setInterval(() => pool.query('delete from sessions where expired'), 60000);`, errors: [{ messageId: 'callback', suggestions: [{ messageId: 'fixAddFallback', output: `import { Pool } from 'pg';
import { fallback } from '@resilint/runtime'; const pool = new Pool(); setInterval(() => fallback(undefined).execute(() => pool.query('delete from sessions where expired')), 60000);` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { Pool } from 'pg';
import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';
const postgresBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 }); const pool = new Pool(); setInterval(() => pipeline(
  fallback(undefined),
  postgresBreaker,
).execute(() => pool.query('delete from sessions where expired')), 60000);` }, { messageId: 'fixWrapInPipeline', output: `import { Pool } from 'pg';
import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff } from '@resilint/runtime';
const postgresBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 }); const pool = new Pool(); setInterval(() => pipeline(
  fallback(undefined),
  postgresBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
).execute(() => pool.query('delete from sessions where expired')), 60000);` }, { messageId: 'fixAddCatch', output: `import { Pool } from 'pg'; const pool = new Pool(); setInterval(() => pool.query('delete from sessions where expired').catch((error: unknown) => { console.error('pg query failed', error); }), 60000);` }] }] },
    // a try around a returned promise does not catch its rejection
    { code: `function load() { try { return fetch('/x'); } catch { return null; } } load();`, errors: [{ messageId: 'floating', data: { call: 'load' }, suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

function load() { try { return fetch('/x'); } catch { return null; } } fallback(undefined).execute(() => load());` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

function load() { try { return fetch('/x'); } catch { return null; } } pipeline(
  fallback(undefined),
  httpBreaker,
).execute(() => load());` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

function load() { try { return fetch('/x'); } catch { return null; } } pipeline(
  fallback(undefined),
  httpBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
).execute(() => load());` }, { messageId: 'fixAddCatch', output: `function load() { try { return fetch('/x'); } catch { return null; } } load().catch((error: unknown) => { console.error('load failed', error); });` }] }] },
    // the callback only takes the response: a request error still needs an 'error' listener
    // a stream nobody listens to for 'error': a network failure crashes the process
    { code: `import got from 'got';\nexport function show(url: string) { got.stream(url).pipe(process.stdout); }`, errors: [{ messageId: 'errorEvent', line: 2, suggestions: [{ messageId: 'fixAddErrorListener', output: `import got from 'got';\nexport function show(url: string) { got.stream(url).on('error', (error: Error) => { console.error('got.stream failed', error); }).pipe(process.stdout); }` }] }] },
    { code: `import https from 'node:https'; https.get('https://x', (res) => res.resume());`, errors: [{ messageId: 'errorEvent', suggestions: [{ messageId: 'fixAddErrorListener', output: `import https from 'node:https'; https.get('https://x', (res) => res.resume()).on('error', (error: Error) => { console.error('https.get failed', error); });` }] }] },
    // retry, timeout and breaker alone let the final failure escape
    { code: `import { retry } from '@resilint/runtime'; const policy = retry({ maxAttempts: 3 }); setTimeout(() => policy.execute(() => fetch('/x')), 10);`, errors: [{ messageId: 'callback', suggestions: [{ messageId: 'fixAddFallback', output: `import { retry, fallback } from '@resilint/runtime'; const policy = retry({ maxAttempts: 3 }); setTimeout(() => policy.execute(() => fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }).execute(({ signal }) => fetch('/x', { signal }))), 10);` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { retry, pipeline, fallback, circuitBreaker } from '@resilint/runtime';
const xBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 }); const policy = retry({ maxAttempts: 3 }); setTimeout(() => policy.execute(() => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  xBreaker,
).execute(({ signal }) => fetch('/x', { signal }))), 10);` }, { messageId: 'fixWrapInPipeline', output: `import { retry, pipeline, fallback, circuitBreaker, exponentialBackoff, timeout } from '@resilint/runtime';
const xBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 }); const policy = retry({ maxAttempts: 3 }); setTimeout(() => policy.execute(() => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  xBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/x', { signal }))), 10);` }] }] },
    // a same-file wrapper: the floating call of the wrapper is reported
    { code: `async function notify(event: unknown) { await fetch('/hooks', { method: 'POST', body: JSON.stringify(event) }); } notify({ type: 'started' });`, errors: [{ messageId: 'floating', data: { call: 'notify' }, suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

async function notify(event: unknown) { await fetch('/hooks', { method: 'POST', body: JSON.stringify(event) }); } fallback(undefined).execute(() => notify({ type: 'started' }));` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

async function notify(event: unknown) { await fetch('/hooks', { method: 'POST', body: JSON.stringify(event) }); } pipeline(
  fallback(undefined),
  httpBreaker,
).execute(() => notify({ type: 'started' }));` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

async function notify(event: unknown) { await fetch('/hooks', { method: 'POST', body: JSON.stringify(event) }); } pipeline(
  fallback(undefined),
  httpBreaker,
).execute(() => notify({ type: 'started' }));` }, { messageId: 'fixAddCatch', output: `async function notify(event: unknown) { await fetch('/hooks', { method: 'POST', body: JSON.stringify(event) }); } notify({ type: 'started' }).catch((error: unknown) => { console.error('notify failed', error); });` }] }] },
    { code: `class Sync { async pull() { return fetch('/pull'); } start() { setInterval(() => this.pull(), 1000); } }`, errors: [{ messageId: 'callback', data: { call: 'this.pull', callback: 'setInterval' }, suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

class Sync { async pull() { return fetch('/pull'); } start() { setInterval(() => fallback(undefined).execute(() => this.pull()), 1000); } }` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

class Sync { async pull() { return fetch('/pull'); } start() { setInterval(() => pipeline(
  fallback(undefined),
  httpBreaker,
).execute(() => this.pull()), 1000); } }` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff } from '@resilint/runtime';

const httpBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

class Sync { async pull() { return fetch('/pull'); } start() { setInterval(() => pipeline(
  fallback(undefined),
  httpBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
).execute(() => this.pull()), 1000); } }` }, { messageId: 'fixAddCatch', output: `class Sync { async pull() { return fetch('/pull'); } start() { setInterval(() => this.pull().catch((error: unknown) => { console.error('this.pull failed', error); }), 1000); } }` }] }] },
    { code: `import CircuitBreaker from 'opossum'; const breaker = new CircuitBreaker(() => fetch('/x')); setTimeout(() => breaker.fire(), 10);`, errors: [{ messageId: 'callback', suggestions: 3 }] },
    { code: `import { retry, handleAll, wrap, timeout, TimeoutStrategy } from 'cockatiel'; const policy = wrap(retry(handleAll, { maxAttempts: 3 }), timeout(1000, TimeoutStrategy.Cooperative)); setTimeout(() => policy.execute(({ signal }) => fetch('/x', { signal })), 10);`, errors: [{ messageId: 'callback', suggestions: 3 }] },
    // a field typed with a client class and filled from an injected dependency
    { code: `import { Redis } from 'ioredis'; export class Events { private readonly redis: Redis; constructor({ redis }: { redis: Redis }) { this.redis = redis; } stage(id: string) { void this.redis.expire('staging:' + id, 60); } }`, errors: [{ messageId: 'floating', data: { call: 'redis expire' }, suggestions: 4 }] },
    // a named handler passed by name
    { code: `async function onOrder(id: string) { await fetch('/orders/' + id, { method: 'POST' }); } emitter.on('order', onOrder);`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: "'order' listener" }, suggestions: 5 }] },
    { code: `const poll = async () => { const res = await fetch('/status'); render(await res.json()); }; setInterval(poll, 1000);`, errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'setInterval' }, suggestions: 3 }] },
    // JSX event handlers: the framework drops the promise they return
    {
      code: `export const Like = () => <button onClick={async () => { await fetch('https://api.example.com/like', { method: 'POST' }); }}>Like</button>;`,
      filename: 'like.tsx',
      // the fixes' own tests check each suggestion's output; here only the finding is under test
      errors: [{ messageId: 'callback', data: { call: 'fetch', callback: 'onClick handler' }, suggestions: 5 }],
    },
    // a try around a floating promise does not catch its rejection
    { code: `export function track(event: string) { try { fetch('/track', { method: 'POST', body: event }); } catch { /* ignore */ } }`, errors: [{ messageId: 'floating', suggestions: 4 }] },
    // strict scope: every call handled in its own function
    { code: `export async function getUser(id: string) { return (await fetch('/users/' + id)).json(); }`, options: strict, errors: [{ messageId: 'caller', data: { call: 'fetch', function: 'getUser' }, suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

export async function getUser(id: string) { return (await fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }).execute(({ signal }) => fetch('/users/' + id, { signal }))).json(); }` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const usersBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

export async function getUser(id: string) { return (await pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  usersBreaker,
).execute(({ signal }) => fetch('/users/' + id, { signal }))).json(); }` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const usersBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

export async function getUser(id: string) { return (await pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  usersBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/users/' + id, { signal }))).json(); }` }] }] },
    { code: `export async function load() { try { return await fetch('/x'); } catch (error) { throw new Error('load failed', { cause: error }); } }`, options: strict, errors: [{ messageId: 'caller', data: { call: 'fetch', function: 'load' }, suggestions: [{ messageId: 'fixAddFallback', output: `import { fallback } from '@resilint/runtime';

export async function load() { try { return await fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }).execute(({ signal }) => fetch('/x', { signal })); } catch (error) { throw new Error('load failed', { cause: error }); } }` }, { messageId: 'fixWrapInBreakerAndFallback', output: `import { pipeline, fallback, circuitBreaker } from '@resilint/runtime';

const xBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

export async function load() { try { return await pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  xBreaker,
).execute(({ signal }) => fetch('/x', { signal })); } catch (error) { throw new Error('load failed', { cause: error }); } }` }, { messageId: 'fixWrapInPipeline', output: `import { pipeline, fallback, circuitBreaker, retry, exponentialBackoff, timeout } from '@resilint/runtime';

const xBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });

export async function load() { try { return await pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when fetch fails'); }),
  xBreaker,
  retry({ maxAttempts: 3, backoff: exponentialBackoff({ initialDelayMs: 100, maxDelayMs: 30_000, jitter: 'full' }) }),
  timeout(5_000),
).execute(({ signal }) => fetch('/x', { signal })); } catch (error) { throw new Error('load failed', { cause: error }); } }` }] }] },
  ],
});
