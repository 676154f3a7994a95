import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

// A retry loop whose way round sits in a `switch` on the error's code, in its catch (the thirty-eighth round's
// kresus bank sync): the attempts left are counted down at the top and checked before `continue`.
const syncLoop = (check: string) => `
export async function syncAccounts(fetchStatements: () => Promise<unknown>, autoRetry: boolean): Promise<unknown> {
  let attemptsLeft = autoRetry ? 3 : 1;
  while (true) {
    attemptsLeft--;
    try {
      return await fetchStatements();
    } catch (error: any) {
      switch (error.code) {
        case 'CONNECTION_ERROR':
        case 'GENERIC_EXCEPTION': {
          ${check}
          break;
        }
        default:
          break;
      }
      throw error;
    }
  }
}
`;

ruleTester.run('no-unbounded-retry: a retry loop going round from a switch on the error', rule, {
  valid: [
    syncLoop('if (attemptsLeft > 0) {\n            continue;\n          }'),
  ],
  invalid: [
    { code: syncLoop('continue;'), errors: [{ messageId: 'unbounded', line: 4, suggestions: 1 }] },
  ],
});
