import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import rule from '../rules/require-timeout.js';

// A workflow engine's step (met on hexabot, the thirty-second round): each step runs with the run's signal, or, when
// the run has none, with `new AbortController().signal`, the signal of a controller nobody keeps and so nobody can
// abort. A model call made with it waits as long as the provider takes. The fix belongs to the fallback: a timeout's
// signal there bounds every step run without a signal, and a run's own signal still wins.
const ruleTester = new RuleTester();

const step = (fallback: string, parameter = 'signal?: AbortSignal') => `import { generateText, type LanguageModel } from 'ai';
export class StepRunner {
  constructor(private readonly model: LanguageModel) {}
  async run(prompt: string, ${parameter}): Promise<string> {
    const stepSignal = signal ?? ${fallback};
    return this.generate(prompt, stepSignal);
  }
  private async generate(prompt: string, signal: AbortSignal): Promise<string> {
    const result = await generateText({ model: this.model, prompt, abortSignal: signal });
    return result.text;
  }
}
`;

ruleTester.run('require-timeout: a signal falling back to a controller nobody aborts', rule, {
  valid: [
    // the fallback is a timeout's signal
    step('AbortSignal.timeout(60_000)'),
    // the run's signal is required: the fallback is never taken
    step('new AbortController().signal', 'signal: AbortSignal'),
  ],
  invalid: [],
});

const moduleFunctions = (fallback: string) => `import { generateText, type LanguageModel } from 'ai';
export async function answer(model: LanguageModel, prompt: string, options: { signal?: AbortSignal } = {}) {
  return ask(model, prompt, options.signal || ${fallback});
}
async function ask(model: LanguageModel, prompt: string, signal: AbortSignal) {
  return (await generateText({ model, prompt, abortSignal: signal })).text;
}`;

const timeoutFindings = (code: string) => lint(code, 'step.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');

describe('the timed fallback', () => {
  it('is offered first, also through a function of the module given the signal', () => {
    const source = moduleFunctions('new AbortController().signal');
    const [finding, ...others] = timeoutFindings(source);
    expect(others).toEqual([]);
    expect(finding?.offset).toBe(source.indexOf('generateText({'));
    expect(finding?.message).toContain('bounded only by `signal`, the signal of an AbortController that nothing aborts on time');
    expect(applyFix(source, finding!.suggestions[0]!)).toBe(moduleFunctions('AbortSignal.timeout(30_000)'));
    expect(timeoutFindings(moduleFunctions('AbortSignal.timeout(30_000)'))).toEqual([]);
  });

  it('compiles against the AI SDK and leaves nothing to report', () => {
    const source = step('new AbortController().signal');
    const [finding] = timeoutFindings(source);
    expect(finding?.offset).toBe(source.indexOf('generateText({'));
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toBe(step('AbortSignal.timeout(30_000)'));
    expect(timeoutFindings(fixed)).toEqual([]);
    expect(finding!.suggestions.map((suggestion) => suggestion.title)).toEqual([
      'Give the fallback signal a timeout (`AbortSignal.timeout(30_000)` for `new AbortController().signal`), so generateText is bounded when no signal is passed (one passed still wins).',
      'Pass `abortSignal: AbortSignal.timeout(120_000)` to generateText so the client itself gives up (after the time the option says).',
      "Wrap in the runtime's `timeout(120_000)`, passing its abort signal into generateText.",
      'Wrap in the full pipeline: fallback → circuit breaker → timeout (fill in the fallback value).',
    ]);
    expect(typeErrors([fixed])).toEqual([[]]);
  });
});
