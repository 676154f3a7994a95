import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// An agent tool that runs a scraper on the Apify platform and waits for its results: `call()` polls until the run
// finishes, with no limit of its own, so a run stuck in the queue or running for hours holds the tool as long.
const tool = (callOptions: string, clientOptions = '{ token: apiToken }') => `import { ApifyClient } from 'apify-client';
export async function scrapeFilings(apiToken: string, ticker: string): Promise<unknown[]> {
  const platform = new ApifyClient(${clientOptions});
  const run = await platform.actor('acme/filings-scraper').call({ ticker, quarters: 4 }${callOptions});
  const { items } = await platform.dataset(run.defaultDatasetId).listItems();
  return items;
}`;

ruleTester.run('require-timeout: apify-client', requireTimeout, {
  valid: [
    // the run's own limit: the platform aborts it, and the call returns when it ends
    tool(', { timeout: 300, memory: 1024 }'),
    // a limit on the wait
    tool(', { waitSecs: 120 }'),
    `import { ApifyClient } from 'apify-client';
export const finished = (platform: ApifyClient, runId: string) => platform.run(runId).waitForFinish({ waitSecs: 60 });`,
    // every other call is one request, bounded by the client's timeoutSecs (360 s unless set)
    `import { ApifyClient } from 'apify-client';
export const describeActor = (platform: ApifyClient) => platform.actor('acme/filings-scraper').get();`,
  ],
  invalid: [
    // the client's timeoutSecs bounds each request, not the wait for the run
    { code: tool('', '{ token: apiToken, timeoutSecs: 30, maxRetries: 2 }'), errors: [{ ...missing, line: 4, suggestions: 1 }] },
    { code: tool(', { memory: 2048 }'), errors: [{ ...missing, line: 4, suggestions: 1 }] },
    {
      code: `import { ApifyClient } from 'apify-client';
export class Crawls {
  constructor(private readonly platform: ApifyClient) {}
  rerun(taskId: string) { return this.platform.task(taskId).call(); }
  settle(runId: string) { return this.platform.run(runId).waitForFinish(); }
}`,
      errors: [{ ...missing, line: 4, suggestions: 1 }, { ...missing, line: 5, suggestions: 1 }],
    },
  ],
});

describe('the fix for apify-client', () => {
  it('limits the run (call) or the wait (waitForFinish), compiling against apify-client\'s own types', { timeout: 60_000 }, () => {
    const sources = [
      tool(''),
      tool(', { memory: 2048 }'),
      `import { ApifyClient } from 'apify-client';
export const rerun = (platform: ApifyClient, taskId: string) => platform.task(taskId).call();
`,
      `import { ApifyClient } from 'apify-client';
export const settle = (platform: ApifyClient, runId: string) => platform.run(runId).waitForFinish();
`,
    ];
    const fixed = sources.map((source, index) => {
      const findings = lint(source, `apify-${index}.ts`).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      expect(findings).toHaveLength(1);
      const suggestion = findings[0]!.suggestions.find((candidate) => /timeout: 600|waitSecs: 600/.test(candidate.text));
      expect(suggestion, findings[0]!.suggestions.map((candidate) => candidate.text).join('\n')).toBeDefined();
      return source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    });
    expect(fixed[0]).toContain(".call({ ticker, quarters: 4 }, { timeout: 600 })");
    expect(fixed[1]).toContain(".call({ ticker, quarters: 4 }, { memory: 2048, timeout: 600 })");
    expect(fixed[3]).toContain('.waitForFinish({ waitSecs: 600 })');
    expect(typeErrors(fixed)).toEqual([[], [], [], []]);
  });
});
