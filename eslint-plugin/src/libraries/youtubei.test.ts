import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A transcript collector reading a video's title: making the Innertube session fetches YouTube's session data, and
// each method fetches again, all through the session's `fetch`, which has no timeout unless the app gives its own.
const videoTitle = (options: string) => `import { Innertube } from 'youtubei.js';
export async function videoTitle(videoId: string) {
  const youtube = await Innertube.create(${options});
  return (await youtube.getBasicInfo(videoId)).basic_info.title;
}
`;
const bounded = '{ fetch: (input, init) => { const headers = new AbortController(); const timer = setTimeout(() => headers.abort(), 10_000); '
  + 'return fetch(input, { ...init, signal: headers.signal }).finally(() => clearTimeout(timer)); } }';

ruleTester.run('require-timeout (youtubei.js)', requireTimeout, {
  valid: [
    videoTitle('{ fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(8_000) }) }'),
    videoTitle('sessionOptions').replace('export async', 'declare const sessionOptions: never;\nexport async'),
  ],
  invalid: [
    {
      code: videoTitle(''),
      errors: [{ messageId: 'missingClientTimeout', line: 3, suggestions: [{ messageId: 'fixInstanceTimeout', output: videoTitle(bounded) }] }],
    },
    {
      // the plain fetch handed in bounds nothing
      code: `const { Innertube } = require('youtubei.js');
exports.search = async (query) => (await Innertube.create({ lang: 'en', fetch })).search(query);`,
      filename: 'search.js',
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: 1 }],
    },
  ],
});

describe('the Innertube fix', () => {
  it('compiles against youtubei.js\'s own types', { timeout: 60_000 }, () => {
    const source = videoTitle('');
    const [finding] = lint(source, 'video.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toBe(videoTitle(bounded));
    expect(typeErrors([fixed, fixed.replace('{ fetch:', '{ fetcher:')]).map((errors) => errors.length > 0)).toEqual([false, true]);
  });
});
