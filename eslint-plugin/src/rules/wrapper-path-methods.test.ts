import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './no-retry-non-idempotent.js';

// no-retry-non-idempotent: a webhook relay (the forty-third held-out round, in our own words) sends both its status
// reads and its deliveries through one helper that takes the caller's init. The method of a retried call is the one
// named on the way to the helper, not one another caller of the helper names.
const ruleTester = new RuleTester();

const relay = (retried: string) => `
import pRetry from 'p-retry';
export class Relay {
  constructor(private readonly target: string) {}
  private async send(url: string, init: RequestInit): Promise<Response> {
    return fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  }
  private async readStatus(url: string): Promise<unknown> {
    const answer = await this.send(url, {});
    if (!answer.ok) throw new Error('status ' + answer.status);
    return answer.json();
  }
  private async deliver(body: string): Promise<void> {
    const answer = await this.send(this.target, { method: 'POST', body });
    if (!answer.ok) throw new Error('delivery ' + answer.status);
  }
  async run(url: string, body: string) {
    return pRetry(() => ${retried}, { retries: 5, minTimeout: 500, factor: 2 });
  }
}`;

ruleTester.run('no-retry-non-idempotent: the method named on the way to a shared helper', rule, {
  valid: [relay('this.readStatus(url)')],
  invalid: [{ code: relay('this.deliver(body)'), errors: [{ messageId: 'retriedRequest', line: 18, suggestions: 1 }] }],
});
