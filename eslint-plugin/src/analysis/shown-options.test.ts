import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// A client's options shown to a debug logger inside a fresh literal, or serialised, before the client is made: the
// logger gets a new object (or a string), so nothing there can add a bound to them, and the client is judged by them.
ruleTester.run('require-timeout (creation options shown before use)', requireTimeout, {
  valid: [
    // Control: the options themselves handed to a helper of the file, which may set a bound on them.
    `import { Octokit } from '@octokit/rest';
import { withDefaults } from './github-defaults';
export async function latestTag(owner: string, repo: string) {
  const options = { ...(process.env.GH_TOKEN ? { auth: process.env.GH_TOKEN } : {}) };
  withDefaults(options);
  const github = new Octokit(options);
  return (await github.repos.getLatestRelease({ owner, repo })).data.tag_name;
}`,
  ],
  invalid: [
    {
      code: `import { Octokit } from '@octokit/rest';
import { debugDir } from './debug';
export async function latestTag(owner: string, repo: string) {
  const options = { ...(process.env.GH_TOKEN ? { auth: process.env.GH_TOKEN } : {}) };
  debugDir({ options });
  const github = new Octokit(options);
  return (await github.repos.getLatestRelease({ owner, repo })).data.tag_name;
}`,
      errors: [{ ...missing, line: 7, suggestions: 2 }],
    },
    {
      code: `import { Octokit } from '@octokit/rest';
export async function latestTag(owner: string, repo: string) {
  const options = { ...(process.env.GH_TOKEN ? { auth: process.env.GH_TOKEN } : {}) };
  console.debug('github options', JSON.stringify(options));
  const github = new Octokit(options);
  return (await github.repos.getLatestRelease({ owner, repo })).data.tag_name;
}`,
      errors: [{ ...missing, line: 6, suggestions: 2 }],
    },
  ],
});
