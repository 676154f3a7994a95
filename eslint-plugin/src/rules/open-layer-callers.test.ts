import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A store CLI's one way to its API (the forty-second round's stencil-cli, in our own words): `sendApiRequest` hands
// its caller's options to axios and sets no timeout of its own. None of the modules calling it passes one either, so
// the bound belongs in the layer: one finding there, not one at each of its callers.
const layer = `import axios from 'axios';
export async function sendApiRequest(options) {
  const { token, ...rest } = options;
  return axios({ ...rest, headers: { 'x-auth-token': token } });
}
`;

const themes = (jobOptions: string) => `import { sendApiRequest } from './net.js';
export const listThemes = (host, token) => sendApiRequest({ url: host + '/themes', token });
export const activate = (host, token, id) => sendApiRequest({ url: host + '/themes/activate', method: 'POST', data: { id }, token });
export const getJob = (host, token, id) => sendApiRequest(${jobOptions});
`;

function project(name: string, jobOptions: string) {
  const files = scratchProject(name);
  files.write('cli/package.json', JSON.stringify({ name: 'store-cli', type: 'module', bin: { storectl: 'bin/storectl.js' }, dependencies: { axios: '^1.11.0' } }));
  files.write('cli/bin/storectl.js', "#!/usr/bin/env node\nimport { listThemes } from '../lib/themes.js';\nconsole.log(await listThemes(process.argv[2], process.argv[3]));\n");
  return { net: files.write('cli/lib/net.js', layer), themes: files.write('cli/lib/themes.js', themes(jobOptions)) };
}

const timeouts = (file: string) => lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout').map((message) => message.line);

describe('require-timeout: a layer other modules call, given a bound by none of them', () => {
  it('is reported once, in the layer', () => {
    const { net, themes: callers } = project('open-layer-unbounded', "{ url: host + '/jobs/' + id, token }");
    expect(timeouts(net)).toEqual([4]);
    expect(timeouts(callers)).toEqual([]);
  });

  it('leaves the layer to its callers when one of them bounds its call: the others are reported where they call', () => {
    const { net, themes: callers } = project('open-layer-one-bounded', "{ url: host + '/jobs/' + id, token, timeout: 10_000 }");
    expect(timeouts(net)).toEqual([]);
    expect(timeouts(callers)).toEqual([2, 3]);
  });
});

// The same CLI as the forty-second round had it: the layer is a method of a class each API module makes an instance
// of and keeps to itself (`const net = new Net()`); the dev server proxy sends one request's options twice.
const classLayer = `import axios from 'axios';
export default class Net {
  constructor({ request = axios } = {}) {
    this.request = request;
  }

  async sendApiRequest(options) {
    const { token, ...rest } = options;
    const config = { maxBodyLength: Infinity, ...rest, headers: { 'x-auth-token': token, ...(rest.headers || {}) } };
    return this.request(config);
  }

  async download(url) {
    return this.sendApiRequest({ url, responseType: 'stream' });
  }
}
`;

const themesThroughInstance = (jobOptions: string) => `import Net from './net.js';
const net = new Net();
export const listThemes = (host, token) => net.sendApiRequest({ url: host + '/themes', token });
export const activate = (host, token, id) => net.sendApiRequest({ url: host + '/themes/activate', method: 'POST', data: { id }, token });
export const getJob = (host, token, id) => net.sendApiRequest(${jobOptions});
`;

const proxy = `import Net from '../lib/net.js';
const net = new Net();
export async function forward(request) {
  const options = { url: request.url, method: request.method, data: request.payload };
  const first = await net.sendApiRequest(options);
  if (first.status !== 304) return first;
  return net.sendApiRequest(options);
}
`;

// a test spying on the instance says nothing of how the program calls it
const spec = `import Net from './net.js';
const net = new Net({ request: async () => ({ status: 200 }) });
net.sendApiRequest = async () => ({ status: 500 });
`;

function classProject(name: string, jobOptions: string, { exported = false } = {}) {
  const files = scratchProject(name);
  files.write('cli/package.json', JSON.stringify({ name: 'store-cli', type: 'module', bin: { storectl: 'bin/storectl.js' }, dependencies: { axios: '^1.11.0' } }));
  files.write('cli/bin/storectl.js', "#!/usr/bin/env node\nimport { listThemes } from '../lib/themes.js';\nconsole.log(await listThemes(process.argv[2], process.argv[3]));\n");
  files.write('cli/lib/net.spec.js', spec);
  const themesText = themesThroughInstance(jobOptions);
  return {
    net: files.write('cli/lib/net.js', classLayer),
    themes: files.write('cli/lib/themes.js', exported ? themesText.replace('const net = new Net();', 'export const net = new Net();') : themesText),
    proxy: files.write('cli/server/proxy.js', proxy),
  };
}

describe('require-timeout: a method of a class other modules make, given a bound by none of its callers', () => {
  it('is reported once, in the method, with a default a caller\'s own timeout still overrides', () => {
    const { net, themes: callers, proxy: forwarder } = classProject('open-method-unbounded', "{ url: host + '/jobs/' + id, token }");
    const [finding, ...others] = lintWithPreset(net).filter((message) => message.ruleId === 'resilint/require-timeout');
    expect(others).toEqual([]);
    expect(finding?.line).toBe(10);
    const fixed = finding!.suggestions![0]!;
    const text = readFileSync(net, 'utf8');
    expect(text.slice(0, fixed.fix.range[0]) + fixed.fix.text + text.slice(fixed.fix.range[1])).toContain('return this.request({ ...config, timeout: rest.timeout ?? 5_000 });');
    expect(timeouts(callers)).toEqual([]);
    expect(timeouts(forwarder)).toEqual([]);
  });

  it('leaves the method to its callers when one of them bounds its call (its class\'s own call among them)', () => {
    const { net, themes: callers } = classProject('open-method-one-bounded', "{ url: host + '/jobs/' + id, token, timeout: 10_000 }");
    expect(timeouts(net)).toEqual([14]);
    expect(timeouts(callers)).toEqual([3, 4]);
  });

  it('leaves it to its callers when an instance is exported: its other callers are out of view', () => {
    const { net, themes: callers } = classProject('open-method-exported-instance', "{ url: host + '/jobs/' + id, token }", { exported: true });
    expect(timeouts(net)).toEqual([14]);
    expect(timeouts(callers)).toEqual([3, 4, 5]);
  });
});
