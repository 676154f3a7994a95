import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';
import unprotected from '../rules/no-unprotected-call.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// The Vercel AI SDK sets no timeout: a call waits as long as the model's provider does, unless it is given an
// `abortSignal` (or, from AI SDK 6, a `timeout`) or its provider was made with a fetch of its own.
ruleTester.run('require-timeout (Vercel AI SDK)', requireTimeout, {
  valid: [
    `import { generateText } from 'ai';
export const summarise = (text: string) => generateText({ model: 'vendor/small', prompt: text, abortSignal: AbortSignal.timeout(30_000) });`,
    `import { generateObject } from 'ai';
export const classify = (text: string, schema: never) => generateObject({ model: 'vendor/small', schema, prompt: text, timeout: 20_000 });`,
    // the caller's signal is handed on
    `import { embed } from 'ai';
export const vector = (value: string, signal: AbortSignal) => embed({ model: 'vendor/embedder', value, abortSignal: signal });`,
    // a provider made here with a fetch of its own: that fetch may bound every request
    `import { generateText } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
const vendor = createAnthropic({ apiKey: process.env.KEY, fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(60_000) }) });
export const draft = (prompt: string) => generateText({ model: vendor('large'), prompt });`,
    // a streamed answer given a signal, or (AI SDK 6) a timeout between chunks
    `import { streamText, type LanguageModel } from 'ai';
export const chat = (model: LanguageModel, prompt: string, signal: AbortSignal) => streamText({ model, prompt, abortSignal: signal });`,
    `import { streamObject } from 'ai';
export const extract = (prompt: string, schema: never) => streamObject({ model: 'vendor/small', schema, prompt, timeout: { chunkMs: 15_000 } });`,
    // a function of the same name from elsewhere
    `import { generateText } from './templates';
export const draft = (prompt: string) => generateText({ prompt });`,
  ],
  invalid: [
    {
      // an API route asking a hosted model for a draft, its provider made with no fetch of its own
      code: `import { generateText } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
const vendor = createOpenAI({ apiKey: process.env.KEY });
export async function draftReply(question: string) {
  const { text } = await generateText({ model: vendor('large'), system: 'Be brief.', prompt: question });
  return text;
}`,
      errors: [{ ...missing, line: 5, suggestions: 3 }],
    },
    {
      // a chat route streaming a model handed in as a parameter: the stream waits as long as the provider does; its
      // failure goes to onError, so the only fix is the signal (no promise for a policy to wrap)
      code: `import { streamText, type LanguageModel, type ModelMessage } from 'ai';
export function answer({ model, messages }: { model: LanguageModel; messages: ModelMessage[] }) {
  return streamText({ model, messages, temperature: 0.2 });
}`,
      errors: [{ ...missing, line: 3, suggestions: 1 }],
    },
    {
      code: `import { embedMany } from 'ai';
export const vectors = (values: string[]) => embedMany({ model: 'vendor/embedder', values });`,
      errors: [{ ...missing, line: 2, suggestions: 3 }],
    },
  ],
});

// A streamed answer never rejects: its failure goes to `onError` and the stream, whether or not anything awaits it.
ruleTester.run('no-unprotected-call (Vercel AI SDK streams)', unprotected, {
  valid: [
    `import { streamText } from 'ai';
export function relay(prompt: string, response: { write(chunk: string): void }) {
  const result = streamText({ model: 'vendor/small', prompt, abortSignal: AbortSignal.timeout(120_000), onError: ({ error }) => console.error(error) });
  result.consumeStream();
  return result.toTextStreamResponse();
}
export function ask(prompt: string) {
  relay(prompt, { write: () => undefined });
}`,
  ],
  invalid: [],
});

describe('the AI SDK fix', () => {
  it('gives a streamed answer an abortSignal that compiles against the ai package\'s own types', { timeout: 60_000 }, () => {
    const source = `import { streamText, type LanguageModel } from 'ai';\nexport const chat = (model: LanguageModel, prompt: string) => streamText({ model, prompt }).toTextStreamResponse();\n`;
    const [finding] = lint(source, 'ai-sdk-stream-fix.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(finding?.suggestions).toHaveLength(1);
    const suggestion = finding!.suggestions[0]!;
    expect(suggestion.text).toContain('abortSignal: AbortSignal.timeout(120_000)');
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    expect(typeErrors([fixed])).toEqual([[]]);
  });

  it('passes an abortSignal that compiles against the ai package\'s own types', { timeout: 60_000 }, () => {
    const source = `import { generateText } from 'ai';\nexport const ask = (prompt: string) => generateText({ model: 'vendor/small', prompt });\n`;
    const [finding] = lint(source, 'ai-sdk-fix.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding?.suggestions[0];
    // a model's answer takes far longer than an ordinary request: the fix must not fail healthy calls
    expect(suggestion?.text).toContain('abortSignal: AbortSignal.timeout(120_000)');
    const fixed = source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    expect(typeErrors([fixed])).toEqual([[]]);
  });
});

describe('the timeout a fix gives', () => {
  it('waits seconds for an embedding and minutes for a generation, whichever fix is taken', () => {
    const source = `import { embed, generateImage } from 'ai';
export const vector = (value: string) => embed({ model: 'vendor/embedder', value });
export const picture = (prompt: string) => generateImage({ model: 'vendor/painter', prompt });
`;
    const [vector, picture] = lint(source, 'ai-sdk-lengths.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(vector?.suggestions.map((suggestion) => suggestion.text).join('\n')).toContain('AbortSignal.timeout(30_000)');
    const pictureFixes = picture?.suggestions.map((suggestion) => suggestion.text) ?? [];
    expect(pictureFixes[0]).toContain('AbortSignal.timeout(120_000)');
    // the runtime's timeout policy, offered beside the option, gets the same length
    expect(pictureFixes.some((text) => text.includes('timeout(120_000).execute('))).toBe(true);
    expect(pictureFixes.join('\n')).not.toContain('5_000');
  });
});
