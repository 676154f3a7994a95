import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A CRM back end (the forty-third held-out round's supaglue, in our own words): one module configures axios's global
// instance (a logging interceptor) and exports it, and every provider's client imports axios from there. One default
// timeout in that module bounds every call: the finding is there, once, not at each of the clients' calls.
const shared = (setup: string) => `import axios from 'axios';

${setup}

export default axios;
`;

const client = `import axios from '../http/axios';
export const listDeals = (token: string) => axios.get('https://crm.example.com/deals', { headers: { authorization: token } });
export const createDeal = (token: string, title: string) => axios.post('https://crm.example.com/deals', { title }, { headers: { authorization: token } });
`;

function project(name: string, setup: string) {
  const files = scratchProject(name);
  files.write('crm/package.json', JSON.stringify({ name: 'crm', dependencies: { axios: '^1.6.0' } }));
  return { shared: files.write('crm/src/http/axios.ts', shared(setup)), client: files.write('crm/src/providers/deals.ts', client) };
}

const timeouts = (file: string) => lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout');

describe('require-timeout: axios\'s global instance configured and exported by one module of the project', () => {
  it('is reported once, in that module, with a default timeout as its fix; its importers\' calls are not', () => {
    const { shared: module, client: caller } = project('shared-axios', "axios.interceptors.response.use(undefined, (error) => { console.warn('request failed', error); return Promise.reject(error); });");
    const [finding, ...others] = timeouts(module);
    expect(others).toEqual([]);
    expect(finding?.line).toBe(5);
    const fix = finding!.suggestions![0]!.fix;
    const text = readFileSync(module, 'utf8');
    expect(text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1])).toContain('axios.defaults.timeout = 10_000;\n\nexport default axios;');
    expect(timeouts(caller)).toEqual([]);
  });

  it('is left alone when that module sets the default timeout', () => {
    const { shared: module, client: caller } = project('shared-axios-bounded', "axios.interceptors.response.use(undefined, (error) => Promise.reject(error));\naxios.defaults.timeout = 15_000;");
    expect(timeouts(module)).toEqual([]);
    expect(timeouts(caller)).toEqual([]);
  });

  it('leaves the calls to be judged where they are made when the module only passes axios on', () => {
    const { shared: module, client: caller } = project('shared-axios-plain', '// re-exported as it is');
    expect(timeouts(module)).toEqual([]);
    expect(timeouts(caller).map((message) => message.line)).toEqual([2, 3]);
  });
});
