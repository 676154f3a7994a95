import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A React app's components asking its own back end through an axios instance whose base URL the page is given at run
// time (met in the thirtieth round on a media-statistics app): a request dropped with its answer read, or failing out
// of a timer, costs a console line and a view left as it was. `recommended` leaves it alone; a request to an origin
// written out as another stays reported, and `checkOwnOrigin` reports both.
const root = mkdtempSync(join(tmpdir(), 'resilint-page-own-api-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
write('package.json', JSON.stringify({ name: 'stats-app', private: true, type: 'module', dependencies: { axios: '^1', react: '^18' }, devDependencies: { vite: '^5' } }));
write('src/lib/http.js', `import axios from 'axios';
const http = axios.create({ baseURL: window.env?.BASE_URL ?? '' });
export default http;
`);
const totals = write('src/pages/Totals.tsx', `import { useEffect, useState } from 'react';
import axios from 'axios';
import http from '../lib/http';
export default function Totals({ days }: { days: number }) {
  const [totals, setTotals] = useState<object>({});
  useEffect(() => {
    http.post(\`/stats/totals\`, { days }).then((reply) => setTotals(reply.data));
    const timer = setInterval(async () => { await http.post('/auth/refresh'); }, 60_000);
    axios.post('https://partner.example.com/events', { days }).then(() => setTotals({}));
    return () => clearInterval(timer);
  }, [days]);
  return <div>{Object.keys(totals).length}</div>;
}
`);

const backups = write('src/pages/Backups.tsx', `import http from '../lib/http';
export default function Backups({ name, show }: { name: string; show: boolean }) {
  const fetchData = async () => {
    const reply = await http.post('/utils/backups', { name });
    return reply.data;
  };
  function download() {
    const url = \`/backup/files/\${name}\`;
    http({ url, responseType: 'blob' }).then((reply) => URL.createObjectURL(reply.data));
  }
  if (show) fetchData();
  return <button onClick={download}>{name}</button>;
}
`);

function unprotected(file: string, options: object = {}): number[] {
  const config = [...(plugin.configs.recommended as unknown as Linter.Config[]), // pages' dropped promises asked for (`checkPages`): what is judged here is whose origin a call reaches
    { rules: { 'resilint/no-unprotected-call': ['error', { checkPages: true, ...options }] } }];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/no-unprotected-call' || message.fatal)
    .map((message) => message.line);
}

describe("no-unprotected-call: a page's requests to its own back end", () => {
  it('leaves alone the dropped requests by a path of the page, and reports the one to another origin', () => {
    expect(unprotected(totals)).toEqual([9]);
  });

  it('reports them all with checkOwnOrigin', () => {
    expect(unprotected(totals, { checkOwnOrigin: true })).toEqual([7, 8, 9]);
  });

  it("follows the page's own function making the request, and a path kept in a const", () => {
    expect(unprotected(backups)).toEqual([]);
    expect(unprotected(backups, { checkOwnOrigin: true })).toEqual([9, 11]);
  });
});

// A Vue dashboard whose server writes the API's address into the page (`window.API_URL`, set by a script it serves),
// its store refreshing the login from a timer (met in the thirtieth round on a bot's dashboard): the page's own back end.
write('dashboard/package.json', JSON.stringify({ name: 'bot-dashboard', private: true, type: 'module', dependencies: { fastify: '^4' }, devDependencies: { vite: '^5', vue: '^3', vuex: '^4' } }));
write('dashboard/src/api.ts', `export function request(resource: string, init: RequestInit = {}) {
  return fetch(\`\${window.API_URL}/\${resource}\`, init).then((response) => response.json());
}
export function post(resource: string, body: object) {
  return request(resource, { method: 'POST', body: JSON.stringify(body) });
}
export function track(event: string) {
  return fetch(\`\${window.ANALYTICS_URL}/events\`, { method: 'POST', body: event }).then((response) => response.json());
}
`);
const store = write('dashboard/src/store/auth.ts', `import { Module } from 'vuex';
import { post, track } from '../api';
export const AuthStore: Module<{ apiKey: string | null }, object> = {
  actions: {
    startAuthAutoRefresh({ state }) {
      setInterval(async () => {
        await post('auth/refresh', { key: state.apiKey });
      }, 15 * 60_000);
      setInterval(async () => {
        await track('still-here');
      }, 60_000);
    },
  },
};
`);

describe("no-unprotected-call: a page's requests to the address its server writes into it", () => {
  it('leaves alone the refresh sent to window.API_URL, and reports the one to another service', () => {
    expect(unprotected(store)).toEqual([10]);
  });
});
