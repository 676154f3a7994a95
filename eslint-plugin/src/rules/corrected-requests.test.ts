import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './retry-requires-backoff.js';

// retry-requires-backoff: loops that go round without retrying a failing dependency. A lazy chunk loaded again is the
// program's own code, not a dependency; a model asked again with what was wrong in its last answer gets a new request.
const ruleTester = new RuleTester();

const draftLoop = (catchBody: string): string => `
declare const receiptSchema: { parse(value: unknown): { total: number } };
export async function readReceipt(scan: string) {
  const messages: { role: 'user' | 'assistant'; content: string }[] = [{ role: 'user', content: \`Give the receipt's total as JSON:\\n\${scan}\` }];
  for (let round = 0; round < 3; round++) {
    try {
      const reply = await fetch('https://llm.example.com/v1/chat', { method: 'POST', body: JSON.stringify({ messages }), signal: AbortSignal.timeout(60_000) });
      const { answer } = (await reply.json()) as { answer: string };
      return receiptSchema.parse(JSON.parse(answer));
    } catch (problem) {
      ${catchBody}
    }
  }
  throw new Error('the model gave no valid receipt');
}`;

ruleTester.run('retry-requires-backoff: corrected requests and lazy code', rule, {
  valid: [
    // A route's chunk loaded again after a deploy replaced it: the bundle's own code, not an overloaded dependency.
    `
export async function loadSettingsPage() {
  for (let round = 0; round < 3; round++) {
    try {
      return await import('./SettingsPage');
    } catch (problem) {
      if (round === 2) throw problem;
    }
  }
}`,
    // The same, taking the default export, with a fixed pause.
    `
export async function loadChart() {
  for (let round = 0; round < 8; round++) {
    try {
      return await import('./charts/Gauge').then((mod) => mod.default);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error('chart bundle missing');
}`,
    // The model is told why its last answer was refused: each round sends a different request.
    draftLoop("messages.push({ role: 'user', content: `That answer was refused (${(problem as Error).message}); send corrected JSON.` });"),
    // The same through a prompt string built from the last failure.
    `
declare const model: { invoke(prompt: string): Promise<string> };
declare function checkOutline(text: string): string[];
export async function draftOutline(topic: string) {
  let hint = '';
  for (let round = 0; round < 3; round++) {
    try {
      const prompt = \`Write an outline for \${topic}.\${hint}\`;
      const text = await model.invoke(prompt);
      const issues = checkOutline(text);
      if (issues.length > 0) throw new Error(issues.join('; '));
      return text;
    } catch (problem) {
      hint = \`\\nYour previous outline had these problems: \${String(problem)}\`;
    }
  }
  return undefined;
}`,
  ],
  invalid: [
    // The same model call sent again unchanged: a retry, at once.
    {
      code: draftLoop("console.warn('receipt round failed', problem);"),
      errors: [{ messageId: 'noDelay', line: 5, suggestions: 1 }],
    },
    // The error is kept, but nothing sent reads it: the request goes again unchanged.
    {
      code: `
export async function fetchRates(failures: string[]) {
  for (let round = 0; round < 5; round++) {
    try {
      const reply = await fetch('https://rates.example.com/today', { signal: AbortSignal.timeout(4_000) });
      return await reply.json();
    } catch (problem) {
      failures.push(String(problem));
    }
  }
  throw new Error('rates unavailable');
}`,
      errors: [{ messageId: 'noDelay', line: 3, suggestions: 1 }],
    },
    // A failure of the model's service named in the catch is retried, whatever the catch adds to the request.
    {
      code: draftLoop("if ((problem as { status?: number }).status !== 503) throw problem;\n      messages.push({ role: 'user', content: `Retry after: ${String(problem)}` });"),
      errors: [{ messageId: 'noDelay', line: 5, suggestions: 1 }],
    },
  ],
});
