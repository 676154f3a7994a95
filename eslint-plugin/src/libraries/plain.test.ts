import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';
import { waitedInPlace } from '../fixes/stop-waiting.cases.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A bug-report form's server action filing the report with Plain: the SDK posts with fetch and takes no timeout or
// signal, so only waiting for it can be bounded.
const ruleTester = new RuleTester();

const fileReport = (call: string, imports = '') => `import { PlainClient } from '@team-plain/typescript-sdk';${imports}
const support = new PlainClient({ apiKey: process.env.SUPPORT_KEY ?? '' });
export async function fileReport(customerId: string, summary: string) {
  const created = await ${call};
  return created.error ? null : created.data.id;
}`;

const note = `support.createNote({ customerId, text: summary })`;

ruleTester.run('require-timeout (Plain)', requireTimeout, {
  valid: [
    fileReport(`timeout(8_000).execute(() => ${note})`, `\nimport { timeout } from '@resilint/runtime';`),
  ],
  invalid: [
    {
      code: fileReport(note),
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        data: { call: 'PlainClient.createNote', remedy: "stop waiting for it with the runtime's `timeout(ms)`: the Plain SDK sends with fetch and takes no timeout or signal" },
        suggestions: [
          { messageId: 'fixStopWaiting', output: fileReport(`timeout(5_000).execute(() => ${note})`, `\nimport { timeout } from '@resilint/runtime';`) },
          { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(fileReport(note), note) },
        ],
      }],
    },
    {
      // a client handed in as a parameter is Plain's as well
      code: `import type { PlainClient } from '@team-plain/typescript-sdk';
export const lookUp = (support: PlainClient, email: string) => support.getCustomerByEmail({ email });`,
      errors: [{ messageId: 'missingTimeout', line: 2, suggestions: 2 }],
    },
  ],
});

describe('the Plain fix', () => {
  it('stops waiting with the runtime, and compiles against the real SDK', { timeout: 60_000 }, () => {
    const source = fileReport(note);
    const [finding] = lint(source, 'file-report.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    expect(typeErrors([source, fixed])).toEqual([[], []]);
  });
});
