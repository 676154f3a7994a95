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

function unprotected(file: string, options: object = {}): number[] {
  const config = [...(plugin.configs.recommended as unknown as Linter.Config[]), { rules: { 'resilint/no-unprotected-call': ['error', options] } }];
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
});
