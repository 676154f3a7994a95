import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// meilisearch-js sends each request with fetch and no timeout unless its client is given one: a search engine that
// stops answering holds every search and indexing call of the client. The client is reported where it is made.
ruleTester.run('require-timeout (Meilisearch)', requireTimeout, {
  valid: [
    `import { Meilisearch } from 'meilisearch'; export const search = new Meilisearch({ host: process.env.MEILI_ADDR!, apiKey, timeout: 5_000 });`,
    // a fetch of its own, or a configuration read elsewhere
    `import { Meilisearch } from 'meilisearch'; export const search = new Meilisearch({ host, httpClient: fetchWithDeadline });`,
    `import { Meilisearch } from 'meilisearch'; import { config } from './config'; export const search = new Meilisearch(config);`,
    // a command palette in the page making its own search client: a stalled search costs the person a spinner, as a
    // page's fetch does
    `'use client';
import { Meilisearch } from 'meilisearch';
const docsSearch = new Meilisearch({ host: 'https://search.example.dev', apiKey: 'public-key' });
export const findPages = (query: string) => docsSearch.index('pages').search(query);`,
  ],
  invalid: [
    {
      // the same page client under `checkOwnOrigin` (strict)
      code: `'use client';
import { Meilisearch } from 'meilisearch';
const docsSearch = new Meilisearch({ host: 'https://search.example.dev', apiKey: 'public-key' });
export const findPages = (query: string) => docsSearch.index('pages').search(query);`,
      options: [{ checkOwnOrigin: true }],
      errors: [{ ...atCreation, line: 3, suggestions: 1 }],
    },
    {
      // a plugin that keeps its client in a field
      code: `import { Meilisearch } from 'meilisearch';
export class SearchProvider {
  private client: Meilisearch | undefined;
  constructor(address: string, key?: string) {
    this.client = new Meilisearch({ host: address, apiKey: key });
  }
}`,
      errors: [{
        ...atCreation,
        line: 5,
        data: { client: '`new Meilisearch(...)`', remedy: 'set `timeout` (milliseconds, for each request) where the client is created: meilisearch-js sets none' },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { Meilisearch } from 'meilisearch';
export class SearchProvider {
  private client: Meilisearch | undefined;
  constructor(address: string, key?: string) {
    this.client = new Meilisearch({ host: address, apiKey: key, timeout: 10_000 });
  }
}` }],
      }],
    },
    {
      // the older class name, required
      code: `const { MeiliSearch } = require('meilisearch'); module.exports = new MeiliSearch({ host: 'http://search:7700' });`,
      filename: 'search.js',
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `const { MeiliSearch } = require('meilisearch'); module.exports = new MeiliSearch({ host: 'http://search:7700', timeout: 10_000 });` }] }],
    },
  ],
});

describe('the Meilisearch fix', () => {
  it('sets the option the client declares', { timeout: 60_000 }, () => {
    const source = `import { Meilisearch } from 'meilisearch';
export const search = new Meilisearch({ host: 'http://search:7700' });
`;
    const [finding] = lint(source, 'search.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    const [errors, misspelt] = typeErrors([fixed, fixed.replace('timeout:', 'requestTimeout:')]);
    expect(fixed).toContain('timeout: 10_000');
    expect(errors).toEqual([]);
    expect(misspelt).not.toEqual([]);
  });
});
