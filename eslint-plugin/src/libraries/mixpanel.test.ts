import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A load-test reporter sending its summary to Mixpanel: each call is an http(s).request with no timeout, and nothing
// of the client or the call takes a bound. A call given a callback is waited for, so the fix stops waiting for the
// promise its callback settles; one sent and forgotten makes nobody wait.
const ruleTester = new RuleTester();
const remedy = "stop waiting for it with the runtime's `timeout(ms)`: mixpanel sends with `http(s).request` and no timeout, and neither its client nor its calls take one or a signal";
const runtime = "\nconst { timeout } = require('@resilint/runtime');";

const flush = (promise: string, imports = '') => `const Mixpanel = require('mixpanel');${imports}
const mp = Mixpanel.init(process.env.MIXPANEL_TOKEN);
function reportDone(stats) {
  return ${promise};
}
module.exports = { reportDone };`;
const executor = `new Promise((resolve, reject) => {
    mp.track('run finished', { requests: stats.requests }, (err) => (err ? reject(err) : resolve()));
  })`;

ruleTester.run('require-timeout (mixpanel)', requireTimeout, {
  valid: [
    flush(`timeout(8_000).execute(() => ${executor})`, runtime),
    // sent and forgotten: nothing waits for it
    `const Mixpanel = require('mixpanel');
class Reporter {
  constructor(token) { this.mp = Mixpanel.init(token); }
  done(stats) { this.mp.track('run finished', { requests: stats.requests }); }
}
module.exports = { Reporter };`,
  ],
  invalid: [
    {
      code: flush(executor),
      errors: [{
        messageId: 'missingTimeout',
        line: 5,
        data: { call: 'mixpanel.track', remedy },
        suggestions: [{ messageId: 'fixStopWaiting', output: flush(`timeout(5_000).execute(() => ${executor})`, runtime) }],
      }],
    },
    {
      // a profile update whose callback is handed in, outside any promise: nothing to wrap
      code: `import Mixpanel from 'mixpanel';
const mp = Mixpanel.init('token', { geolocate: false });
export function remember(id: string, plan: string, done: (error?: Error) => void) {
  mp.people.set(id, { plan }, (error) => done(error));
}`,
      errors: [{ messageId: 'missingTimeout', line: 4, data: { call: 'mixpanel.people.set', remedy }, suggestions: [] }],
    },
  ],
});
