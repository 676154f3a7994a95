import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

/**
 * A signal optional in a private helper's type but given by every call of the helper in the module: the helper
 * only runs with a signal that is there, so the signal bounds the request. A helper other modules may call, or a
 * call that leaves the signal out, keeps it optional.
 */
const streamProxy = (helper: string, call: string, entry = 'signal: AbortSignal') => `
export class EventStreams {
  constructor(private readonly base: string) {}
  async open(stream: string, ${entry}) {
    const response = await ${call};
    return response.body;
  }
  ${helper} {
    return fetch(\`\${this.base}/streams/\${stream}/events\`, { headers: { accept: 'text/event-stream' }, signal: opts.signal });
  }
}`;
const privateHelper = 'private async read(stream: string, opts: { since?: number; signal?: AbortSignal })';

const optionsIdentifier = `
async function relay(url: string, signal?: AbortSignal) {
  return fetch(url, { signal });
}
export async function proxy(request: Request) {
  return relay('https://upstream.example.com/feed', request.signal);
}`;

ruleTester.run('require-timeout: an optional signal every caller gives', rule, {
  valid: [
    streamProxy(privateHelper, 'this.read(stream, { since: 0, signal })'),
    streamProxy(privateHelper.replace('private async read', 'async #read'), 'this.#read(stream, { signal })'),
    // a function of the module, not exported, given the caller's request signal
    optionsIdentifier,
    // the signal itself as an optional parameter of a `#` method
    `export class Feed {
  async poll(url: string, signal: AbortSignal) { return this.#get(url, signal); }
  async #get(url: string, signal?: AbortSignal) { return fetch(url, { signal }); }
}`,
  ],
  invalid: [
    // a call leaves the signal out: as no call of this private helper gives one, it is reported once, in the
    // helper, where the bound belongs (closed-layers.test.ts), not at its call too
    {
      code: streamProxy(privateHelper, 'this.read(stream, { since: 0 })'),
      errors: [{ messageId: 'optionalSignal', line: 9, suggestions: 2 }],
    },
    // the signal handed on may itself be missing: the helper's request is the gap, reported once there, not at the
    // call handing on the caller's optional signal too (layer-signals.test.ts)
    {
      code: streamProxy(privateHelper, 'this.read(stream, { signal })', 'signal?: AbortSignal'),
      errors: [{ messageId: 'optionalSignal', line: 9, suggestions: 2 }],
    },
    // a public method: other modules may call it without one
    { code: streamProxy(privateHelper.replace('private ', ''), 'this.read(stream, { signal })'), errors: [{ messageId: 'optionalSignal', line: 9, suggestions: 2 }] },
  ],
});
