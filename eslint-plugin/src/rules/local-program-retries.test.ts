import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

// A retry whose every attempt runs this program's own JavaScript in a child process (`fork(module)`, the current
// Node binary given a script) or reads files: what fails is on this machine (a crashed renderer, a flaky headless
// browser it drives), and no service shared with other clients waits to recover, so trying again at once is no
// stampede and a backoff would only slow the run down. A child process running another program by name (`git`,
// `docker`, `curl`) may be talking to a remote, and so may a method that also makes a request: those stay reported.

const ruleTester = new RuleTester();

const renderer = (attemptCall: string, extraMethod = '') => `
import { spawn } from 'node:child_process';
export class PdfRenderer {
  render(page: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['render-pdf.js', page]);
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.on('exit', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error('renderer exited ' + code))));
    });
  }
${extraMethod}
  async renderWithRetries(page: string): Promise<Buffer> {
    const errors: unknown[] = [];
    while (errors.length < 3) {
      try {
        return await ${attemptCall};
      } catch (error) {
        errors.push(error);
      }
    }
    throw errors[0];
  }
}`;

const withUpload = `
  async renderAndUpload(page: string): Promise<Buffer> {
    const pdf = await this.render(page);
    await fetch('https://files.example.com/pdf', { method: 'PUT', body: pdf, signal: AbortSignal.timeout(10_000) });
    return pdf;
  }
`;

/** The renderer tried again at once without end: a crash spins it. */
const endless = renderer('this.render(page)').replace('while (errors.length < 3)', 'while (true)').replace('    throw errors[0];\n', '');

/** The renderer's loop as the backoff fix leaves it: a growing, randomised wait after each failure. */
const withBackoff = (code: string) => code
  .replace(/\n(    while \()/, '\n    let retryDelayMs = 100;\n$1')
  .replace('        errors.push(error);\n', '        errors.push(error);\n        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, retryDelayMs)));\n        retryDelayMs *= 2;\n');

ruleTester.run('retry-requires-backoff: work that stays on this machine', backoff, {
  valid: [
    // the current Node binary running the project's script, three tries at once
    renderer('this.render(page)'),
    // a forked module through a function of the file, and a static method reading a file first
    `
import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
class Thumbnails {
  static async settings(): Promise<string> {
    return readFile('thumbs.json', 'utf8');
  }
}
function makeThumbnail(path: string, settings: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = fork('./workers/thumbnail.js', [path, settings]);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('thumbnail worker exited ' + code))));
  });
}
export async function thumbnail(path: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const settings = await Thumbnails.settings();
      await makeThumbnail(path, settings);
      return;
    } catch (error) {
      console.warn('thumbnail failed, again', error);
    }
  }
}`,
  ],
  invalid: [
    // without a bound, trying again at once spins on a crash: the wait is part of the remedy
    { code: endless, errors: [{ messageId: 'noDelay', line: 15, suggestions: [{ messageId: 'fixAddBackoff', output: withBackoff(endless) }] }] },
    // a method that uploads after rendering reaches a remote service
    {
      code: renderer('this.renderAndUpload(page)', withUpload),
      errors: [{ messageId: 'noDelay', line: 21, suggestions: [{ messageId: 'fixAddBackoff', output: withBackoff(renderer('this.renderAndUpload(page)', withUpload)) }] }],
    },
    // another program by name, which may fetch from a remote
    {
      code: `
import { spawn } from 'node:child_process';
export async function sync(branch: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        spawn('git', ['fetch', 'origin', branch]).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('git exited ' + code))));
      });
      return;
    } catch (error) {
      console.warn('fetch failed', error);
    }
  }
}`,
      errors: [{ messageId: 'noDelay', line: 4, suggestions: [{ messageId: 'fixAddBackoff', output: `
import { spawn } from 'node:child_process';
export async function sync(branch: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        spawn('git', ['fetch', 'origin', branch]).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('git exited ' + code))));
      });
      return;
    } catch (error) {
      console.warn('fetch failed', error);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** attempt)));
    }
  }
}` }] }],
    },
  ],
});

ruleTester.run('no-unbounded-retry: work that stays on this machine still needs a bound', unbounded, {
  valid: [renderer('this.render(page)')],
  invalid: [
    {
      code: endless,
      errors: [{
        messageId: 'unbounded',
        suggestions: [{
          messageId: 'fixAddBound',
          output: endless
            .replace('    while (true) {', '    let attempts = 0;\n    while (true) {')
            .replace('        errors.push(error);', '        if (++attempts >= 3) throw error;\n        errors.push(error);'),
        }],
      }],
    },
  ],
});

// A file watcher made again from its own 'error' listener (a watched folder unmounted, a watch limit hit): it
// re-subscribes to this machine's file system, one new watcher per failure, and retries no dependency. A watcher that
// also calls a service when it is made, and a child process restarted as soon as it exits (a crash loop), stay retries.
const follower = (extra = '') => `
import { watch } from 'node:fs';
export function follow(folder: string, changed: (name: string) => void) {
  ${extra}
  const watcher = watch(folder, { recursive: true }, (_event, name) => name && changed(name));
  watcher.on('error', (error) => {
    console.error('watcher failed, starting a new one', error);
    watcher.close();
    follow(folder, changed);
  });
  return watcher;
}`;

// the same, the listener chained on the watcher it restarts
const chainedFollower = `
import { watch, type FSWatcher } from 'node:fs';
const watchers = new Map<string, FSWatcher>();
export function createWatcher(folder: string): FSWatcher {
  return watch(folder, { recursive: true, persistent: false }, () => {}).on('error', () => {
    watchers.get(folder)?.close();
    watchers.set(folder, createWatcher(folder));
  });
}`;

ruleTester.run('retry-requires-backoff: a file watcher re-made after an error', backoff, {
  valid: [follower(), chainedFollower],
  invalid: [
    {
      code: follower("void fetch('https://hooks.example.com/watching', { method: 'PUT', signal: AbortSignal.timeout(5_000) });"),
      errors: [{ messageId: 'noDelay', suggestions: 1 }],
    },
  ],
});
