import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';
import { throttledHelper } from './throttled-helpers.cases.js';

// The same CRM writer with its helper in a module of its own that every provider's client imports (supaglue's
// `retryWhenAxiosRateLimited`): the helper's retry is read in its module, so its callers' POSTs are known to go
// round only after a refusal.
const helper = (stop: string) => `import retry from 'async-retry';
import { isAxiosError } from 'axios';
export ${throttledHelper('retryWhenThrottled', stop)}
`;

const client = `import axios from 'axios';
import { retryWhenThrottled } from '../lib/ratelimit';
export async function createDeal(title: string) {
  return retryWhenThrottled(() => axios.post('https://crm.example.com/deals', { title }, { timeout: 10_000 }));
}
`;

function nonIdempotentLines(name: string, stop: string): number[] {
  const files = scratchProject(name);
  files.write('crm/package.json', JSON.stringify({ name: 'crm', dependencies: { axios: '^1.6.0', 'async-retry': '^1.3.3' } }));
  files.write('crm/src/lib/ratelimit.ts', helper(stop));
  const remote = files.write('crm/src/remotes/deals.ts', client);
  return lintWithPreset(remote).filter((message) => message.ruleId === 'resilint/no-retry-non-idempotent').map((message) => message.line);
}

describe('no-retry-non-idempotent: a retry helper of another module that goes round only after a 429', () => {
  it('lets its callers\' POSTs be', () => {
    expect(nonIdempotentLines('imported-refusal-helper', 'if (isAxiosError(error) && error.response?.status === 429) { throw error; }')).toEqual([]);
  });

  it('reports them when it goes round on any failure', () => {
    expect(nonIdempotentLines('imported-any-failure-helper', 'throw error;')).toEqual([4]);
  });
});
