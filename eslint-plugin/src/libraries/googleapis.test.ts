import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
const remedy = 'pass `{ timeout: ms }` as its method options (second argument), or set `timeout` where the API client is created';

// Google's API clients send through gaxios, which sets no timeout: a call waits forever unless its method options or
// its API client's creation give it one (or a signal).
ruleTester.run('require-timeout (Google APIs)', requireTimeout, {
  valid: [
    // a timeout or a signal in the method options
    `import { google } from 'googleapis';
     const youtube = google.youtube({ version: 'v3', auth });
     export const channel = (id: string) => youtube.channels.list({ part: ['snippet'], id: [id] }, { timeout: 10_000 });`,
    `import { google } from 'googleapis';
     export const labels = (signal: AbortSignal) => google.gmail({ version: 'v1', auth }).users.labels.list({ userId: 'me' }, { signal });`,
    // an API client created with a timeout bounds its calls
    `import { youtube } from '@googleapis/youtube';
     const client = youtube({ version: 'v3', auth, timeout: 15_000 });
     export const videos = () => client.videos.list({ part: ['id'], myRating: 'like' });`,
    // the versioned class of a per-API package, created with a timeout
    `import { gmail_v1 } from '@googleapis/gmail';
     export const send = (auth: any, raw: string) => new gmail_v1.Gmail({ auth, timeout: 20_000 }).users.messages.send({ userId: 'me', requestBody: { raw } });`,
    // its schema types are not calls
    `import { oauth2_v2 } from '@googleapis/oauth2';
     export const email = (info: oauth2_v2.Schema$Userinfo) => info.email;`,
    // building an OAuth client or a URL sends nothing
    `import { google } from 'googleapis'; export const oauth = new google.auth.OAuth2(id, secret, redirect);`,
  ],
  invalid: [
    {
      // an upload (the forty-fourth held-out round's Socioboard publishing a video): gaxios's timeout covers the
      // whole request, the file's body included, so the fix gives it ten minutes rather than an ordinary request's 5 s
      code: `import fs from 'node:fs';
import { google } from 'googleapis';
export async function publish(auth: any, file: string, title: string) {
  const youtube = google.youtube({ version: 'v3', auth });
  const res = await youtube.videos.insert({ part: ['snippet'], requestBody: { snippet: { title } }, media: { body: fs.createReadStream(file) } });
  return res.data.id;
}`,
      errors: [{
        ...missing,
        data: { call: 'google videos.insert', remedy },
        suggestions: [
          { messageId: 'fixNativeTimeout', data: { call: 'google videos.insert', option: 'timeout: 10 * 60_000' }, output: `import fs from 'node:fs';
import { google } from 'googleapis';
export async function publish(auth: any, file: string, title: string) {
  const youtube = google.youtube({ version: 'v3', auth });
  const res = await youtube.videos.insert({ part: ['snippet'], requestBody: { snippet: { title } }, media: { body: fs.createReadStream(file) } }, { timeout: 10 * 60_000 });
  return res.data.id;
}` },
          { messageId: 'fixWrapInTimeout', data: { call: 'google videos.insert', ms: '10 * 60_000' }, output: `import fs from 'node:fs';
import { google } from 'googleapis';
import { timeout } from '@resilint/runtime';
export async function publish(auth: any, file: string, title: string) {
  const youtube = google.youtube({ version: 'v3', auth });
  const res = await timeout(10 * 60_000).execute(({ signal }) => youtube.videos.insert({ part: ['snippet'], requestBody: { snippet: { title } }, media: { body: fs.createReadStream(file) } }, { signal }));
  return res.data.id;
}` },
          { messageId: 'fixWrapInPipeline', output: `import fs from 'node:fs';
import { google } from 'googleapis';
import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';
const videosBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
export async function publish(auth: any, file: string, title: string) {
  const youtube = google.youtube({ version: 'v3', auth });
  const res = await pipeline(
    fallback(() => { throw new Error('TODO: choose the value to use when google videos.insert fails'); }),
    videosBreaker,
    timeout(10 * 60_000),
  ).execute(({ signal }) => youtube.videos.insert({ part: ['snippet'], requestBody: { snippet: { title } }, media: { body: fs.createReadStream(file) } }, { signal }));
  return res.data.id;
}` },
        ],
      }],
    },
    {
      code: `import { google } from 'googleapis';
const youtube = google.youtube({ version: 'v3', auth });
export const channel = (id: string) => youtube.channels.list({ part: ['snippet'], id: [id] });`,
      errors: [{
        ...missing,
        data: { call: 'google channels.list', remedy },
        suggestions: [
          { messageId: 'fixNativeTimeout', output: `import { google } from 'googleapis';
const youtube = google.youtube({ version: 'v3', auth });
export const channel = (id: string) => youtube.channels.list({ part: ['snippet'], id: [id] }, { timeout: 5_000 });` },
          { messageId: 'fixWrapInTimeout', output: `import { google } from 'googleapis';
import { timeout } from '@resilint/runtime';
const youtube = google.youtube({ version: 'v3', auth });
export const channel = (id: string) => timeout(5_000).execute(({ signal }) => youtube.channels.list({ part: ['snippet'], id: [id] }, { signal }));` },
          { messageId: 'fixWrapInPipeline', output: `import { google } from 'googleapis';
import { pipeline, fallback, circuitBreaker, timeout } from '@resilint/runtime';
const channelsBreaker = circuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000, halfOpenMaxCalls: 1 });
const youtube = google.youtube({ version: 'v3', auth });
export const channel = (id: string) => pipeline(
  fallback(() => { throw new Error('TODO: choose the value to use when google channels.list fails'); }),
  channelsBreaker,
  timeout(5_000),
).execute(({ signal }) => youtube.channels.list({ part: ['snippet'], id: [id] }, { signal }));` },
        ],
      }],
    },
    {
      // the versioned classes of per-API packages (and of googleapis): the same clients as their factories'
      code: `import { gmail_v1 } from '@googleapis/gmail';
import { oauth2_v2 } from '@googleapis/oauth2';
export async function sendAs(auth: any, raw: string) {
  const me = await new oauth2_v2.Oauth2({ auth }).userinfo.get();
  const gmail = new gmail_v1.Gmail({ auth });
  return [me.data.email, (await gmail.users.messages.send({ userId: 'me', requestBody: { raw } })).data.id];
}`,
      errors: [
        { ...missing, line: 4, data: { call: 'google userinfo.get', remedy }, suggestions: 3 },
        { ...missing, line: 6, data: { call: 'google users.messages.send', remedy }, suggestions: 3 },
      ],
    },
    {
      code: `const { youtube_v3 } = require('googleapis');
exports.videos = (auth) => new youtube_v3.Youtube({ auth }).videos.list({ part: ['id'], chart: 'mostPopular' });`,
      filename: 'videos.js',
      errors: [{ ...missing, data: { call: 'google videos.list', remedy }, suggestions: 3 }],
    },
  ],
});

describe('a Google API call without parameters', () => {
  it('gets its method options after an undefined parameter, in CommonJS too', { timeout: 60_000 }, () => {
    // the short form \`google.oauth2('v2')\` takes no options: nothing bounds the client
    const source = `const { google } = require('googleapis');
async function me() {
  const { data } = await google.oauth2('v2').userinfo.get();
  return data;
}
module.exports = { me };
`;
    const [finding] = lint(source, 'me.js').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(finding?.message).toContain('google userinfo.get has no timeout');
    expect(applyFix(source, finding!.suggestions[0]!)).toContain(`google.oauth2('v2').userinfo.get(undefined, { timeout: 5_000 })`);
    // gaxios retries a GET by itself: no suggestion wraps it in another retry
    expect(finding!.suggestions.map((suggestion) => suggestion.title).join('\n')).not.toContain('retry');
  });
});
