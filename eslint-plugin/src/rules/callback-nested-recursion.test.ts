import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';

const ruleTester = new RuleTester();

// A download into a temporary file that, on a request error, downloads again at once by calling itself (met in the
// thirtieth round on a Discord bot's attachment fetch): the self-call sits in the request's 'error' listener, inside
// the error-first callback that made the temporary file. That callback runs once, for this call, as the promise's
// executor does: the listener is the call's own failure handler.
const download = (wrap: (inner: string) => string) => `import https from 'node:https';
import fs from 'node:fs';
import tmp from 'tmp';
export function grab(url: string, triesLeft = 3): Promise<string> {
  return new Promise((resolve, reject) => {
${wrap(`      const out = fs.createWriteStream(path);
      https.get(url, { timeout: 10_000 }, (response) => {
        response.pipe(out);
        out.on('finish', () => resolve(path));
      }).on('error', (error) => {
        if (triesLeft === 0) reject(error);
        else resolve(grab(url, triesLeft - 1));
      });`)}
  });
}`;

ruleTester.run('retry-requires-backoff: a self-call from a listener inside a callback', backoff, {
  valid: [
    // Control: a listener registered on an emitter runs for every later event, not for this call's request.
    download((inner) => `    const path = '/tmp/download';
    process.on('message', (message) => {
${inner}
    });`),
  ],
  invalid: [
    {
      code: download((inner) => `    tmp.file((err, path) => {
      if (err) return reject(err);
${inner}
    });`),
      errors: [{ messageId: 'noDelay', line: 14, suggestions: 1 }],
    },
  ],
});
