import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * A 429 handler that calls its own function again, with no cap: from a metadata provider whose rate-limited requests
 * were sent again for ever. The self-call runs from a timer in a `.catch` inside the executor of the promise the
 * function returns, or from the catch of a helper handed the request as a callback, counting attempts it never checks.
 */
const fromExecutor = (cap: string) => `import axios from 'axios';
export class Shelves {
  fetchShelf(shelfId: string, attempt = 0): Promise<unknown> {
    return new Promise((resolve, reject) => {
      axios.get(\`https://shelves.example.org/v2/\${shelfId}\`, { timeout: 4_000 }).then((answer) => resolve(answer.data)).catch((failure) => {
        if (failure.response?.status !== 429) return reject(failure);
        ${cap}
        setTimeout(() => resolve(this.fetchShelf(shelfId, attempt + 1)), 2_000);
      });
    });
  }
}`;

const throughCallback = (cap: string) => `import axios from 'axios';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export class Narrators {
  lookup(name: string) {
    return this.send(() => axios.get('https://narrators.example.org/search', { params: { name }, timeout: 4_000 }), 0);
  }
  private async send<T>(request: () => Promise<T>, attempt: number): Promise<T> {
    try {
      return await request();
    } catch (failure: any) {
      if (failure.response?.status !== 429) throw failure;
      ${cap}
      await pause(3_000);
      return this.send(request, attempt + 1);
    }
  }
}`;

ruleTester.run('no-unbounded-retry: a 429 handler calling its own function again', unbounded, {
  valid: [
    fromExecutor('if (attempt >= 5) return reject(failure);'),
    throughCallback('if (attempt >= 5) throw failure;'),
  ],
  invalid: [
    {
      code: fromExecutor(''),
      // stopped by rejecting the promise: a throw from the callback would leave it pending
      errors: [{
        messageId: 'unbounded', line: 8,
        suggestions: [{ messageId: 'fixAddBound', output: fromExecutor('').replace('setTimeout(', 'if (attempt >= 2) return reject(failure);\n        setTimeout(') }],
      }],
    },
    { code: throughCallback(''), errors: [{ messageId: 'unbounded', line: 14, suggestions: 1 }] },
  ],
});

ruleTester.run('retry-requires-backoff: a 429 handler calling its own function again', backoff, {
  valid: [fromExecutor('if (attempt >= 2) return reject(failure);').replace('2_000);', '250 * 2 ** attempt);')],
  invalid: [{ code: fromExecutor('if (attempt >= 5) return reject(failure);'), errors: [{ messageId: 'constantDelay', suggestions: 1 }] }],
});
