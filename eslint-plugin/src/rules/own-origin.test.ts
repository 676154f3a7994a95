import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import noUnprotectedCall from './no-unprotected-call.js';
import requireTimeout from './require-timeout.js';

// Browser calls to the page's own origin: not reported by default (recommended), reported with checkOwnOrigin (strict).
const ruleTester = new RuleTester();
const checked = [{ checkOwnOrigin: true }];

const frontEnd = mkdtempSync(join(tmpdir(), 'resilint-front-end-'));
writeFileSync(join(frontEnd, 'package.json'), JSON.stringify({ dependencies: { react: '^19', 'react-dom': '^19' }, devDependencies: { vite: '^7' } }));
mkdirSync(join(frontEnd, 'src'));
const inFrontEnd = join(frontEnd, 'src/api.ts');

/** Browser code by its own text: a DOM global. */
const inPage = (code: string) => `${code}\ndocument.title = 'Orders';`;

const ownOrigin = [
  { code: inPage("export const loadOrders = () => fetch('/api/orders').then((response) => response.json());") },
  { code: inPage('export const loadOrder = (id: string) => fetch(`/api/orders/${id}`).then((response) => response.json());') },
  { code: inPage("export const search = (q: string) => fetch('/api/search?q=' + encodeURIComponent(q));") },
  { code: inPage("export const history = (cursor?: string) => {\n  const url = cursor ? `/api/history?cursor=${cursor}` : '/api/history';\n  return fetch(url);\n};") },
  { code: inPage('export const load = () => fetch(`${window.location.origin}/api/me`);') },
  { code: inPage("import dataUrl from './countries.json?url';\nexport const countries = () => fetch(dataUrl).then((response) => response.json());") },
  { code: inPage("import axios from 'axios';\nexport const orders = () => axios.get('/api/orders');") },
  { code: inPage("import axios from 'axios';\nconst api = axios.create({ baseURL: '/api' });\nexport const orders = () => api.get('/orders');") },
  // a local dev tool's page calling its own server
  { code: "'use client';\nexport const status = () => fetch('http://localhost:4000/status');" },
  // the package is a front end (react, vite)
  { code: "export const orders = () => fetch('/api/orders');", filename: inFrontEnd },
];

const elsewhere = [
  // another origin, even from a page
  inPage("export const rates = () => fetch('https://api.exchange.example/rates');"),
  inPage('export const rates = () => fetch(`${API_URL}/rates`);'),
  inPage("export const rates = (live: boolean) => fetch(live ? 'https://api.exchange.example/rates' : '/api/rates');"),
  inPage("export const cdn = () => fetch('//cdn.example.com/data.json');"),
  // an instance with a base URL of its own: the relative path goes there
  inPage("import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://billing.example.com' });\nexport const invoices = () => api.get('/invoices');"),
  // localhost from a server is a real dependency (a sidecar, a database proxy)
  "export const health = () => fetch('http://localhost:9200/_cluster/health');",
  // a relative URL outside the browser
  "export const orders = () => fetch('/api/orders');",
];

ruleTester.run('require-timeout: own origin', requireTimeout, {
  valid: ownOrigin,
  invalid: [],
});

const helperCalledOnClick = inPage("const getJson = (path: string) => fetch(path).then((response) => response.json());\ndocument.querySelector('button')!.addEventListener('click', () => { getJson('/api/orders'); });");
const pingOnClick = inPage("document.querySelector('button')!.addEventListener('click', () => { fetch('/api/ping'); });");
const workerOnLoad = inPage("window.addEventListener('load', () => { fetch(new URL('./worker.js', import.meta.url)).then((response) => response.text()); });");

ruleTester.run('no-unprotected-call: own origin', noUnprotectedCall, {
  valid: [
    { code: pingOnClick },
    { code: workerOnLoad },
    { code: inPage("setInterval(() => fetch('/api/heartbeat', { method: 'POST' }), 30_000);") },
    // a same-file helper called with a path of the page's origin
    { code: helperCalledOnClick },
  ],
  invalid: [],
});

/** The rule's findings with these options, by message id (their suggestions are the fixes' tests' business). */
function findings(rule: 'require-timeout' | 'no-unprotected-call', code: string, options: object, filename = 'src/page.ts'): string[] {
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    { rules: { [`resilint/${rule}`]: ['error', options] } },
  ];
  // The root as cwd: the front-end package lives in the temporary folder, outside this repository.
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename })
    .filter((message) => message.ruleId === `resilint/${rule}` || message.fatal)
    .map((message) => message.messageId ?? message.message);
}

describe('checkOwnOrigin', () => {
  it.each(ownOrigin)('require-timeout reports the call when on: %j', ({ code, filename }) => {
    expect(findings('require-timeout', code, { checkOwnOrigin: true }, filename)).toEqual(['missingTimeout']);
  });

  it.each(elsewhere)('require-timeout reports calls elsewhere either way: %j', (code) => {
    expect(findings('require-timeout', code, {})).toEqual(['missingTimeout']);
  });

  it('no-unprotected-call reports the page\'s own calls when on, and calls elsewhere either way', () => {
    expect(findings('no-unprotected-call', pingOnClick, { checkOwnOrigin: true })).toEqual(['floating']);
    expect(findings('no-unprotected-call', workerOnLoad, { checkOwnOrigin: true })).toEqual(['floating']);
    expect(findings('no-unprotected-call', helperCalledOnClick, { checkOwnOrigin: true })).toEqual(['floating']);
    expect(findings('no-unprotected-call', inPage("setInterval(() => fetch('https://telemetry.example.com/beat', { method: 'POST' }), 30_000);"), {})).toEqual(['callback']);
    expect(findings('no-unprotected-call', "setInterval(() => fetch('/api/heartbeat', { method: 'POST' }), 30_000);", {})).toEqual(['callback']);
  });

  it('is on in strict', () => {
    const strict = new Linter({ configType: 'flat' }).verify(ownOrigin[0]!.code, plugin.configs.strict as unknown as Linter.Config[], { filename: 'src/page.ts' });
    expect(strict.map((message) => message.ruleId)).toContain('resilint/require-timeout');
    const recommended = new Linter({ configType: 'flat' }).verify(ownOrigin[0]!.code, plugin.configs.recommended as unknown as Linter.Config[], { filename: 'src/page.ts' });
    expect(recommended).toEqual([]);
  });
});
