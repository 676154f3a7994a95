import { RuleTester } from '@typescript-eslint/rule-tester';
import noUnboundedRetry from '../rules/no-unbounded-retry.js';
import retryRequiresBackoff from '../rules/retry-requires-backoff.js';

// A function calling itself from its failure handler is a retry only when the second call can fail the same way
// again. Two that cannot: a support bot replying to a comment that was already answered, which sends the text once
// as a direct message instead (the second call leaves the comment out, so the branch cannot be taken again); and a
// CLI's sign-in asking the person for their second-factor code and signing in with it (each round waits for a person).
const ruleTester = new RuleTester();

const botReply = `declare function post(path: string, body: unknown): Promise<unknown>;
interface Reply { userId: string; text: string; commentId?: string }
export const reply = async (page: string, { userId, text, commentId }: Reply): Promise<unknown> => {
  const to = commentId ? { comment_id: commentId } : { id: userId };
  try {
    return await post(page + '/messages', { to, text });
  } catch (error: any) {
    if (commentId && String(error.message).includes('already answered')) {
      return reply(page, { userId, text, commentId: undefined });
    }
    throw error;
  }
};`;

const signIn = `import inquirer from 'inquirer';
declare const accounts: { signIn(body: { user: string; secret: string; code?: string }): Promise<{ token?: string }> };
export function signIn(user: string, secret: string, code?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    accounts.signIn({ user, secret, code })
      .then((answer) => (answer.token ? resolve(answer.token) : reject(new Error('no token'))))
      .catch(async (error: { status?: number }) => {
        if (error.status !== 294) return reject(error);
        try {
          const { entered } = await inquirer.prompt([{ type: 'input', name: 'entered', message: 'Second-factor code' }]);
          resolve(await signIn(user, secret, entered));
        } catch (failure) {
          reject(failure);
        }
      });
  });
}`;

// the same reply, sent again with everything it had: a retry with no bound
const botRetry = botReply.replace('commentId: undefined', 'commentId');

for (const [name, rule] of [['no-unbounded-retry', noUnboundedRetry], ['retry-requires-backoff', retryRequiresBackoff]] as const) {
  ruleTester.run(`${name}: a second, different try is no retry`, rule, {
    valid: [botReply, signIn],
    invalid: [{ code: botRetry, errors: 1 }],
  });
}
