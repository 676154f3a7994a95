import { RuleTester } from '@typescript-eslint/rule-tester';
import unbounded from './no-unbounded-retry.js';
import backoff from './retry-requires-backoff.js';

const ruleTester = new RuleTester();

/**
 * A CLI waiting for its service to process an upload (met on appcenter-cli, the thirty-fourth round): a function in a
 * promise's executor asks for the state and, in the last `else` of its tests of the answer, re-arms a timer to run
 * itself again. The deadline is only there when the user gave `--timeout`: by default a release stuck in processing
 * holds the CI job for ever.
 */
const waitForRelease = (deadlineTest: string, stop = '') => `import fetch from 'node-fetch';
async function releaseState(url: string): Promise<{ state: string; id?: string }> {
  const response = await fetch(url, { timeout: 30_000 });
  return (await response.json()) as { state: string; id?: string };
}
export function waitForRelease(url: string, timeoutSeconds?: number): Promise<string> {
  const started = Date.now();
  const giveUpAt = started + (timeoutSeconds ? timeoutSeconds * 1000 : 0);
  return new Promise((resolve, reject) => {
    const check = async (${stop ? 'deadline = Date.now() + 10 * 60_000' : ''}) => {
      const release = await releaseState(url);
      if (release.state === 'published' && release.id) {
        resolve(release.id);
      } else if (release.state === 'failed') {
        reject(new Error('the release failed'));
      } else if (${deadlineTest}) {
        reject(new Error('gave up waiting'));
      } else {
        ${stop ? `if (${stop === 'stop' ? '' : `!(${stop}) && `}Date.now() > deadline) { reject(new Error('Still not ready after 10 minutes')); return; }\n        ` : ''}setTimeout(${stop ? '() => check(deadline)' : 'check'}, 2_000);
      }
    };
    check();
  });
}
`;

ruleTester.run('no-unbounded-retry: a poll re-arming a timer in the last else of its answer tests', unbounded, {
  valid: [
    // a deadline that always holds
    waitForRelease('Date.now() >= giveUpAt + 600_000'),
    // the answer test says nothing of the work being over: not known to be a poll
    waitForRelease('Date.now() >= giveUpAt').replace(`release.state === 'published' && release.id`, 'release.id'),
    // a state that only starts like a word for "over" (`'readiness'` is not `'ready'`)
    waitForRelease('false').replace(`release.state === 'published'`, `release.state === 'readiness'`),
  ],
  invalid: [
    {
      // the deadline is compared with its own start first: without --timeout there is none
      code: waitForRelease('giveUpAt > started && Date.now() >= giveUpAt'),
      errors: [{ messageId: 'unboundedPollOptionalDeadline', line: 19, suggestions: [{ messageId: 'fixAddDefaultDeadline', output: waitForRelease('giveUpAt > started && Date.now() >= giveUpAt', 'giveUpAt > started') }] }],
    },
    {
      // no deadline at all
      code: waitForRelease('false').replace(`      } else if (false) {\n        reject(new Error('gave up waiting'));\n`, ''),
      errors: [{ messageId: 'unboundedPoll', line: 17, suggestions: 1 }],
    },
  ],
});

ruleTester.run('retry-requires-backoff: a poll re-arming a timer waits a fixed interval', backoff, {
  valid: [waitForRelease('giveUpAt > started && Date.now() >= giveUpAt')],
  invalid: [],
});
