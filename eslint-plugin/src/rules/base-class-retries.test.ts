import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import idempotent from './no-retry-non-idempotent.js';
import unprotected from './no-unprotected-call.js';

const ruleTester = new RuleTester();

/**
 * A base class retries an abstract method its subclasses implement: from a tool-adapter layer whose base `execute()`
 * retried `executeInternal()` after resets, timeouts and 5xx, and whose HTTP adapter sent a POST. The retry is in the
 * base class, so that is where the finding goes, naming the subclass's request.
 */
const connectors = (request: string) => `import axios from 'axios';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export abstract class Connector {
  async invoke(payload: Record<string, unknown>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deliver(payload);
      } catch (error) {
        if (attempt >= 3) throw error;
        await wait(200 * 2 ** attempt + Math.random() * 100);
      }
    }
  }
  protected abstract deliver(payload: Record<string, unknown>): Promise<unknown>;
}
export class HookConnector extends Connector {
  protected async deliver(payload: Record<string, unknown>) {
    return (await ${request}).data;
  }
}`;

ruleTester.run('no-retry-non-idempotent: a retry in a base class of the subclass\'s request', idempotent, {
  valid: [
    // every implementation reads
    connectors("axios.get('https://hooks.example.com/status', { params: payload, timeout: 5_000 })"),
    // the base class's own implementation runs, not the subclass's request, unless overridden: not followed
    connectors("axios.post('https://hooks.example.com/deliver', payload, { timeout: 5_000 })").replace('protected abstract deliver(payload: Record<string, unknown>): Promise<unknown>;', 'protected deliver(payload: Record<string, unknown>): Promise<unknown> { return Promise.resolve(payload); }'),
  ],
  invalid: [
    {
      code: connectors("axios.post('https://hooks.example.com/deliver', payload, { timeout: 5_000 })"),
      errors: [{ messageId: 'retriedRequest', line: 7, suggestions: 1 }],
    },
  ],
});

ruleTester.run('no-unprotected-call: a base class calling the abstract method inside its handling', unprotected, {
  valid: [connectors("axios.post('https://hooks.example.com/deliver', payload, { timeout: 5_000 })")],
  invalid: [],
});

describe('the key fix for a retry in a base class', () => {
  it('hands one key to every attempt through the abstract method, and compiles', { timeout: 60_000 }, () => {
    const source = connectors("axios.post('https://hooks.example.com/deliver', payload, { timeout: 5_000 })");
    const [finding] = lint(source, 'connectors.ts').findings.filter((found) => found.ruleId === 'resilint/no-retry-non-idempotent');
    const [suggestion] = finding!.suggestions;
    const fixed = source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    expect(fixed).toContain('return await this.deliver(payload, idempotencyKey);');
    expect(fixed).toContain('protected abstract deliver(payload: Record<string, unknown>, idempotencyKey?: string): Promise<unknown>;');
    expect(fixed).toContain("headers: { 'Idempotency-Key': idempotencyKey }");
    expect(typeErrors([fixed])).toEqual([[]]);
  });
});
