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
