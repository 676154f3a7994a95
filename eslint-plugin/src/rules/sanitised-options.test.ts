import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A back end's request layer that passes its caller's options through a sanitiser of another module before the
// request (a dashboard builder's REST data source, the thirty-sixth round): the sanitiser copies them, checks the keys
// and sets the URL, so the layer still sends what its callers give, and a caller that gives no timeout waits for ever
// on a slow API. A sanitiser that sets a timeout on the copy bounds every call.
const { write } = scratchProject('sanitised');

const sanitiser = (extra: string) => `const BLOCKED = ['proxy', 'agent'];

function cleanOptions(options, url = null) {
  if (!options || typeof options !== 'object') throw new Error('bad options');
  const cleaned = { ...options };
  BLOCKED.forEach((key) => {
    if (Object.prototype.hasOwnProperty.call(cleaned, key) && cleaned[key] !== undefined) throw new Error(\`option \${key} is not allowed\`);
  });
  cleaned.url = new URL(url || cleaned.url).toString();${extra}
  return cleaned;
}

module.exports = { cleanOptions };
`;
const LAYER = `const request = require('request-promise');
const { cleanOptions } = require('./clean-options');

async function guardedRequest(requestOptions) {
  const base = { ...requestOptions };
  const options = cleanOptions({ ...base, followRedirect: false }, base.url);
  return request({ ...options, resolveWithFullResponse: true });
}

module.exports = guardedRequest;
`;
const CALLER = `const guardedRequest = require('../modules/guarded-request');

async function fetchRows(source) {
  const response = await guardedRequest({ url: source.url, method: 'GET', headers: { Authorization: source.token }, json: true });
  return response.body;
}

module.exports = { fetchRows };
`;
const service = (name: string, extra: string): string => {
  write(`${name}/package.json`, JSON.stringify({ name, private: true, main: 'index.js', dependencies: { express: '^5.0.0', 'request-promise': '^4.2.6', request: '^2.88.2' } }));
  write(`${name}/modules/clean-options.js`, sanitiser(extra));
  write(`${name}/modules/guarded-request.js`, LAYER);
  return write(`${name}/sources/rows.js`, CALLER);
};
const unbounded = service('dashboards', '');
const bounded = service('bounded-dashboards', '\n  cleaned.timeout = 30_000;');

function findings(file: string): string[] {
  return lintWithPreset(file)
    .filter((message) => message.fatal || message.ruleId === 'resilint/require-timeout')
    .map((message) => `${message.line}:${message.ruleId}`);
}

describe("a layer passing its caller's options through a sanitiser of another module", () => {
  it('reports the caller that gives no timeout', () => {
    expect(findings(unbounded)).toEqual(['4:resilint/require-timeout']);
  });

  it('leaves it alone when the sanitiser sets a timeout on the copy', () => {
    expect(findings(bounded)).toEqual([]);
  });
});
