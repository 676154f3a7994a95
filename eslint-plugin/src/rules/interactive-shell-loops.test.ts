import { RuleTester } from '@typescript-eslint/rule-tester';
import noUnboundedRetry from './no-unbounded-retry.js';
import retryRequiresBackoff from './retry-requires-backoff.js';

// An interactive shell's loop reads the next line the person types, shown a prompt, and prompts again after a Ctrl+C
// on a line; running the line may query a database. Each turn is a new line, not a retry. A loop re-running a
// request until it succeeds is still one, whatever reads it.
const ruleTester = new RuleTester();

const shell = (read: string) => `import pg from 'pg';
import { makeReader } from './reader.js';
export async function shell(db: pg.Client) {
  const reader = makeReader();
  let buffer = '';
  for (;;) {
    let line: string | null;
    try {
      line = await ${read};
    } catch (error) {
      if ((error as Error).name === 'Interrupted') {
        buffer = '';
        continue;
      }
      throw error;
    }
    if (line === null) break;
    buffer += line;
    if (buffer.trim().endsWith(';')) {
      console.table((await db.query(buffer)).rows);
      buffer = '';
    }
  }
}`;

const resend = `import { publish } from './registry.js';
export async function release(version: string) {
  const reader = { readLine: publish };
  for (;;) {
    try {
      await reader.readLine(version);
      return;
    } catch (error) {
      console.error(error);
    }
  }
}`;

for (const [name, rule] of [['no-unbounded-retry', noUnboundedRetry], ['retry-requires-backoff', retryRequiresBackoff]] as const) {
  ruleTester.run(`${name}: an interactive shell's read loop`, rule, {
    valid: [shell("reader.readLine(buffer ? '-> ' : '=> ')"), shell('reader.readLine(prompt)').replace('let buffer', "const prompt = '> ';\n  let buffer")],
    invalid: [{ code: resend, errors: 1 }],
  });
}
