import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A media-download API (the thirty-ninth round's cobalt, in our own words): each service module fetches a third-party
// site with the undici dispatcher its caller hands in, to pick the outgoing address; the router makes one only when a
// source range is configured, and otherwise leaves it unset, so the request goes through the global dispatcher and
// its 300 s defaults. No signal either: a site that stops answering holds the user's request for five minutes.
const service = `
async function readPage(id, dispatcher) {
  const page = await fetch('https://media.example.org/p/' + id, { headers: { accept: 'text/html' }, dispatcher });
  return page.text();
}

export default async function ({ id, dispatcher }) {
  const html = await readPage(id, dispatcher);
  return { id, title: /<title>(.*)<\\/title>/.exec(html)?.[1] };
}
`;

const router = (choose: string) => `
import { Agent } from 'undici';
import lookup from './services/media.js';

export async function resolveMedia(id, sourceRange) {
  ${choose}
  return lookup({ id, dispatcher });
}
`;

function project(name: string, choose: string) {
  const files = scratchProject(name);
  files.write('api/package.json', JSON.stringify({ name: 'media-api', type: 'module', dependencies: { express: '^4.0.0', undici: '^6.0.0' } }));
  files.write('api/src/router.js', router(choose));
  return files.write('api/src/services/media.js', service);
}

const unsetWithoutRange = project('dispatcher-maybe-unset', `let dispatcher;
  if (sourceRange) dispatcher = new Agent({ connect: { localAddress: sourceRange } });`);
const alwaysTimed = project('dispatcher-timed', `const dispatcher = new Agent({ headersTimeout: 10_000, bodyTimeout: 30_000 });`);

const timeouts = (file: string) => lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout').map((message) => message.line);

describe('require-timeout: a fetch given the dispatcher its callers hand in', () => {
  it('reports the fetch when a caller two functions out may leave the dispatcher unset', () => {
    expect(timeouts(unsetWithoutRange)).toEqual([3]);
  });

  it('leaves it alone when every caller hands in a dispatcher made with timeouts', () => {
    expect(timeouts(alwaysTimed)).toEqual([]);
  });
});

// The same API's redirect probe (the fortieth round's leftover): it builds its request options once in a constant
// naming the dispatcher its caller hands in, and sends them with undici's `request` and with fetch.
const probe = `import { request } from 'undici';
export async function finalUrl(url, dispatcher, headers) {
  const params = { dispatcher, method: 'HEAD', headers, redirect: 'manual' };
  const viaRequest = await request(url, params).then((r) => r.headers.location).catch(() => null);
  return viaRequest ?? (await fetch(url, params).then((r) => r.headers.get('location')).catch(() => null));
}
`;

/** A project whose `resolve.js` chooses the dispatcher (`choose`) and hands it to `finalUrl` in `probe.js` (`probeSource`). */
function probeProject(name: string, probeSource: string, choose: string) {
  const files = scratchProject(name);
  files.write('api/package.json', JSON.stringify({ name: 'media-api', type: 'module', dependencies: { express: '^4.0.0', undici: '^6.0.0' } }));
  files.write('api/src/resolve.js', `import { Agent } from 'undici';
import { finalUrl } from './probe.js';
export async function canonical(url, sourceRange) {
  ${choose}
  return finalUrl(url, dispatcher, { accept: '*/*' });
}
`);
  return files.write('api/src/probe.js', probeSource);
}

describe('require-timeout: options held in a constant naming the dispatcher a caller hands in', () => {
  it('reports both requests when the caller may leave the dispatcher unset', () => {
    expect(timeouts(probeProject('held-dispatcher-maybe-unset', probe, `let dispatcher;
  if (sourceRange) dispatcher = new Agent({ connect: { localAddress: sourceRange } });`))).toEqual([4, 5]);
  });

  it('leaves them alone when the caller always hands in a dispatcher made with timeouts', () => {
    expect(timeouts(probeProject('held-dispatcher-timed', probe, 'const dispatcher = new Agent({ headersTimeout: 10_000, bodyTimeout: 30_000 });'))).toEqual([]);
  });
});

// A variant keeping only the GET in a second constant spread from the first (`{ ...params, method: 'GET' }`): the
// options are read through the constant they spread, dispatcher included.
const spreadProbe = `export async function finalUrl(url, dispatcher, headers) {
  const params = { dispatcher, method: 'HEAD', headers };
  const getParams = { ...params, method: 'GET' };
  return fetch(url, getParams).then((r) => r.headers.get('location')).catch(() => null);
}
`;

describe('require-timeout: options spread from a constant naming the dispatcher a caller hands in', () => {
  it('reports the request when the caller may leave the dispatcher unset', () => {
    expect(timeouts(probeProject('spread-dispatcher-maybe-unset', spreadProbe, `let dispatcher;
  if (sourceRange) dispatcher = new Agent({ connect: { localAddress: sourceRange } });`))).toEqual([4]);
  });

  it('leaves it alone when the dispatcher spread in is always made with timeouts', () => {
    expect(timeouts(probeProject('spread-dispatcher-timed', spreadProbe, 'const dispatcher = new Agent({ headersTimeout: 10_000, bodyTimeout: 30_000 });'))).toEqual([]);
  });
});
