import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';

const ruleTester = new RuleTester();

/**
 * A sync client asking for its filter again after a failure, but only once its keep-alive has seen the server again
 * (met on a chat SDK's sync loop, the thirty-sixth round): the recovery it awaits waits for a promise its keep-alive
 * settles, after a timer it arms. The next attempt does not come at once.
 */
const client = (recover: string) => `export class Sync {
  private returned?: PromiseWithResolvers<boolean>;
  private timer?: ReturnType<typeof setTimeout>;
  constructor(private readonly api: { getFilter(): Promise<string>; ping(): Promise<void> }) {}

  private startKeepAlives(): Promise<boolean> {
    this.timer = setTimeout(() => this.poke(), 2_000 + Math.random() * 5_000);
    this.returned ??= Promise.withResolvers();
    return this.returned.promise;
  }

  private poke(): void {
    this.api.ping().then(() => this.returned?.resolve(true), () => { this.timer = setTimeout(() => this.poke(), 5_000); });
  }

  private async recover(error: Error): Promise<void> {
    console.warn('sync start failed', error);
    ${recover}
  }

  getFilter = async (): Promise<string> => {
    try {
      return await this.api.getFilter();
    } catch (error) {
      await this.recover(error as Error);
      return this.getFilter();
    }
  };
}
`;

ruleTester.run('retry-requires-backoff: a retry after waiting for a keep-alive', backoff, {
  valid: [client('await this.startKeepAlives();')],
  invalid: [
    {
      // the recovery only logs: the filter is asked for again at once
      code: client(''),
      errors: [{ messageId: 'noDelay', line: 26, suggestions: 1 }],
    },
  ],
});
