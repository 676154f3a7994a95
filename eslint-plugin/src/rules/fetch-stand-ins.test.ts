import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './require-timeout.js';

const ruleTester = new RuleTester();

// A function handed to an upload helper in place of fetch, counting the bytes of the bodies it sends. Given no init
// by its caller, it makes the caller's call as it was made, as its branch passing init on does: the bound is the
// caller's to choose, and neither branch is a call of the stand-in's own.
ruleTester.run('require-timeout: a fetch stand-in forwarding its caller\'s call', rule, {
  valid: [
    `type Sender = (options: { target: string; fetch: typeof fetch }) => Promise<void>;
export function countingBytes(sender: Sender, target: string, count: (bytes: number) => void) {
  return sender({
    target,
    fetch: async (resource, init) => {
      if (!init) return fetch(resource);
      if (init.body instanceof Blob) count(init.body.size);
      return fetch(resource, init);
    },
  });
}`,
    // the test spelled out, and the other branch first
    `export const meteredFetch: typeof fetch = (resource, options) => {
  if (options === undefined) {
    return fetch(resource);
  }
  return fetch(resource, { ...options, headers: { ...options.headers, 'x-meter': '1' } });
};`,
    // an early return when init is given, the bare call after it
    `export const taggedFetch: typeof fetch = async (resource, options) => {
  if (options) return fetch(resource, { ...options, keepalive: true });
  return fetch(resource);
};`,
    `export const pickFetch: typeof fetch = (resource, options) => (options != null ? fetch(resource, options) : fetch(resource));`,
  ],
  invalid: [
    // a stand-in that drops the init it was given: the caller's signal never reaches the call
    {
      code: `export const lossyFetch: typeof fetch = async (resource, options) => {
  console.debug('fetching', resource, options?.method);
  return fetch(resource);
};`,
      errors: [{ messageId: 'missingTimeout', suggestions: 4 }],
    },
    // the branch where init was given, calling with the input alone, drops it too
    {
      code: `export const wrongWayRound: typeof fetch = async (resource, options) => {
  if (options) return fetch(resource);
  return fetch(resource, options);
};`,
      errors: [{ messageId: 'missingTimeout', suggestions: 4 }],
    },
    // a function whose second parameter is something to use instead of downloading, not an init: its download is its own
    {
      code: `export async function pageCount(documentUrl: string, cached?: ArrayBuffer) {
  let bytes = cached;
  if (!cached) {
    const reply = await fetch(documentUrl);
    bytes = await reply.arrayBuffer();
  }
  return bytes!.byteLength;
}`,
      errors: [{ messageId: 'missingTimeout', line: 4, suggestions: 4 }],
    },
    // a call of its own, with its own address, in the same branch
    {
      code: `export const probingFetch: typeof fetch = async (resource, options) => {
  if (!options) {
    await fetch('https://status.uploads.example/ping');
    return fetch(resource);
  }
  return fetch(resource, options);
};`,
      errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 4 }],
    },
  ],
});
