import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A dashboard's proxy layer (met in the twenty-ninth round): `httpProxy(url, params)` spreads its callers' params into
// a request helper of its module and turns every failure into a 500 answer, and a widget module per service calls it,
// far more of them than the callers read for any one question. None gives a bound, so the bound belongs in the layer:
// one of its callers giving none is enough to say so, however many there are.
const root = mkdtempSync(join(tmpdir(), 'resilint-widgets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, text: string): string => {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};

write('package.json', '{ "name": "dashboard", "private": true, "dependencies": { "follow-redirects": "^1.15.0" } }');
const layer = (bound: string) => `import { http, https } from 'follow-redirects';

function handleRequest(requestor, url, params) {
  return new Promise((resolve, reject) => {
    const request = requestor.request(url, params, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve([response.statusCode, Buffer.concat(chunks)]));
    });
    request.on('error', (error) => reject([500, error]));
    request.end();
  });
}

export function httpsRequest(url, params) {
  return handleRequest(https, url, params);
}

export function httpRequest(url, params) {
  return handleRequest(http, url, params);
}

export async function httpProxy(url, params = {}) {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest(target, { ...params${bound} }) : httpRequest(target, { ...params${bound} });
  try {
    return await request;
  } catch (error) {
    return [500, { error: String(error) }];
  }
}
`;
const proxy = write('src/utils/proxy/http.js', layer(''));
const bounded = write('src/utils/bounded/http.js', layer(', signal: params.signal ?? AbortSignal.timeout(10_000)'));
for (let index = 0; index < 24; index++) {
  const widget = `import { httpProxy } from '../../utils/proxy/http';
import { httpProxy as boundedProxy } from '../../utils/bounded/http';
export default async function handler(req, res) {
  const [status, data] = await httpProxy(\`http://\${req.query.host}/api/status\`, { headers: { accept: 'application/json' } });
  const [, more] = await boundedProxy(\`http://\${req.query.host}/api/more\`);
  return res.status(status).send([data, more]);
}
`;
  write(`src/widgets/service${index}/proxy.js`, widget);
}

function timeoutLines(file: string): number[] {
  const config = plugin.configs.all as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => message.line);
}

describe('a closed layer many modules call', () => {
  it('is reported in itself when its callers give no bound, however many they are', () => {
    expect(timeoutLines(proxy)).toEqual([25, 25]);
  });

  it('is left alone when it bounds its requests itself', () => {
    expect(timeoutLines(bounded)).toEqual([]);
  });

  it('leaves its callers alone: the failure is handled in the layer and the fix belongs there', () => {
    expect(timeoutLines(join(root, 'src/widgets/service3/proxy.js'))).toEqual([]);
  });
});
