import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import noUnboundedRetry from './no-unbounded-retry.js';
import retryRequiresBackoff from './retry-requires-backoff.js';

// A command run once more only when its error handler says so (after a refused login it drops the stored token, and
// the second run asks the user to log in), the program ending otherwise: the handler decides, nothing is re-sent to a
// failing dependency. A loop at the top of an ES module, with `await` there, is judged like one in a function, and its
// fix may wait there too.
const ruleTester = new RuleTester();

const rerun = `import { run } from './commands';
import { forgetToken } from './credentials';
async function handleFailure(error: unknown): Promise<boolean> {
  if (error instanceof Error && error.message.includes('401')) {
    forgetToken();
    return true;
  }
  console.error(error);
  return false;
}
export async function main(args: string[]) {
  let attempts = 0;
  while (attempts < 2) {
    try {
      await run(args);
      break;
    } catch (error) {
      attempts++;
      const again = await handleFailure(error);
      if (!again || attempts >= 2) {
        process.exit(1);
      }
    }
  }
}`;

ruleTester.run('retry-requires-backoff: a re-run its error handler decides', retryRequiresBackoff, { valid: [rerun], invalid: [] });
ruleTester.run('no-unbounded-retry: a re-run its error handler decides', noUnboundedRetry, { valid: [rerun], invalid: [] });

// the same loop re-running on any failure, at the top of an ES module
const topLevel = `import { publish } from './registry.js';
let tries = 0;
while (tries < 3) {
  try {
    await publish(process.argv[2]);
    break;
  } catch (error) {
    tries++;
    console.error(error);
  }
}
`;

describe('a retry loop at the top of an ES module', () => {
  it('is reported with a fix that waits there, and checking it does not fail', () => {
    const findings = new Linter({ configType: 'flat' }).verify(topLevel, plugin.configs.all as unknown as Linter.Config[], { filename: 'publish.mjs' })
      .filter((message) => message.ruleId === 'resilint/retry-requires-backoff');
    expect(findings.map((message) => [message.messageId, message.line])).toEqual([['noDelay', 3]]);
    expect(findings[0]?.suggestions?.[0]?.fix.text).toMatch(/await new Promise/);
  });
});
