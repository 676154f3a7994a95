import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A device SDK's request helper that tries again 5 s after any failure without an answer, forever (the fortieth
// round): its pause comes from the SDK's helpers module, which also asks a question on the terminal for a sign-in
// script and so imports readline. The pause is a pause: the retry is the SDK's, not a person answering again.
const project = scratchProject('imported-pause');
project.write('package.json', JSON.stringify({ name: 'home-sdk', version: '1.0.0', type: 'module', main: 'client.js' }));
project.write('util.js', `import { createInterface } from 'readline';
export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
export async function ask(question) {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await new Promise((resolve) => terminal.question(question, resolve));
  terminal.close();
  return answer;
}
`);

const client = (wait: string) => project.write('client.js', `import { ask, delay } from './util.js';
export async function send(options, attempt = 0) {
  try {
    const response = await fetch(options.url, { ...options, signal: AbortSignal.timeout(20_000) });
    if (!response.ok) throw Object.assign(new Error(String(response.status)), { response });
    return await response.json();
  } catch (error) {
    if (error.response) throw error;
    if (attempt > 0) console.error('attempt ' + attempt + ' failed, trying again');
    ${wait};
    return send(options, attempt + 1);
  }
}
`);

const retryFindings = (file: string) => lintWithPreset(file)
  .filter((message) => message.ruleId === 'resilint/no-unbounded-retry' || message.ruleId === 'resilint/retry-requires-backoff')
  .map((message) => `${message.line}:${message.ruleId}`);

describe('a retry pausing through a helpers module that also asks questions', () => {
  it('is reported: the imported pause is no prompt', () => {
    expect(retryFindings(client('await delay(5_000)'))).toEqual(['11:resilint/no-unbounded-retry', '11:resilint/retry-requires-backoff']);
  });

  it('is left alone when it asks the person before going round', () => {
    expect(retryFindings(client("await ask('Network down. Press enter to try again')"))).toEqual([]);
  });
});
