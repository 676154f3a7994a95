import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A chat SDK that lets its tests swap the HTTP function: a module variable starts as the `request` module, a setter
// puts the caller's function in its place, and every request goes through a getter (the forty-first round's bot SDK).
// What runs in production is the module it starts as, so a call through the getter is a call of `request`. A variable
// given something else by the module itself (a wrapper made here) is still not known.
const { write } = scratchProject('swappable');

const transport = (swap: string) => `import * as request from 'request';
let impl = request;
${swap}
export function currentTransport(): typeof request { return impl; }
`;
const MEDIA = `import { currentTransport } from './transport';
export function mirror(url: string): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    currentTransport()({ uri: url, method: 'GET', encoding: null }, (err, res, body) => {
      if (err) return reject(err);
      resolve(body);
    });
  });
}
export function mirrorWithin(url: string): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    currentTransport()({ uri: url, method: 'GET', encoding: null, timeout: 30_000 }, (err, res, body) => {
      if (err) return reject(err);
      resolve(body);
    });
  });
}
`;
const manifest = JSON.stringify({ name: 'chat-sdk', main: 'lib/index.js', dependencies: { request: '^2.88.2' } });

write('setter/package.json', manifest);
write('setter/src/transport.ts', transport('export function swapTransport(fn: typeof request): void { impl = fn; }'));
const throughSetter = write('setter/src/media.ts', MEDIA);

write('rewrapped/package.json', manifest);
write('rewrapped/src/transport.ts', transport('impl = request.defaults({ forever: true, timeout: 60_000 }) as typeof request;'));
const rewrapped = write('rewrapped/src/media.ts', MEDIA);

function timeouts(file: string): number[] {
  return lintWithPreset(file, 'all').filter((message) => message.fatal || message.ruleId === 'resilint/require-timeout').map((message) => message.line);
}

describe('a transport reached through a getter of a swappable module variable', () => {
  it('is the module it starts as when only a setter swaps it', () => {
    expect(timeouts(throughSetter)).toEqual([4]);
  });

  it('is not known when the module gives it another value itself', () => {
    expect(timeouts(rewrapped)).toEqual([]);
  });
});
