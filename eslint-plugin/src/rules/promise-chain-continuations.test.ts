import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';
import unbounded from './no-unbounded-retry.js';

const ruleTester = new RuleTester();

/**
 * A worker pool that, when a job settles, starts the next waiting one, failed or not: the same call after a success and
 * after a failure goes on with the queue, it does not run the failed job again.
 */
const drains = `
import axios from 'axios';
export class UploadPool {
  private waiting: Array<() => Promise<void>> = [];
  private startNext(): void {
    const job = this.waiting.pop();
    if (!job) return;
    job().then(() => {
      this.startNext();
    }).catch((error) => {
      console.error('upload failed', error);
      this.startNext();
    });
  }
  add(file: string): void {
    this.waiting.push(() => axios.put(\`https://files.example.com/\${file}\`, file, { timeout: 10_000 }));
    this.startNext();
  }
}`;

/** The control: the same upload sent again when, and only when, it failed. */
const retriesOnFailureOnly = `
import axios from 'axios';
export function upload(file: string): void {
  axios.put(\`https://files.example.com/\${file}\`, file, { timeout: 10_000 }).then(() => {
    console.log('uploaded', file);
  }).catch((error) => {
    console.error('upload failed', error);
    upload(file);
  });
}`;

/** An exporter that, after each batch settles, arms its timer for the next batch, as after an error. */
const exporter = `
export class BatchExporter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly send: (batch: string[]) => Promise<void>, private readonly buffer: string[]) {}
  private exportBatch(): void {
    const batch = this.buffer.splice(0, 100);
    if (batch.length === 0) return;
    this.send(batch)
      .then(() => this.armTimer())
      .catch((error) => {
        console.error('export failed, batch dropped', error);
        this.armTimer();
      });
  }
  private armTimer(): void {
    this.timer = setTimeout(() => this.exportBatch(), 5_000);
  }
}`;

ruleTester.run('no-unbounded-retry: a promise chain going on to the next job either way', unbounded, {
  valid: [drains, exporter],
  invalid: [{ code: retriesOnFailureOnly, errors: [{ messageId: 'unbounded', suggestions: 1 }] }],
});

ruleTester.run('retry-requires-backoff: a promise chain going on to the next job either way', backoff, {
  valid: [drains, exporter],
  invalid: [{ code: retriesOnFailureOnly, errors: [{ messageId: 'noDelay', suggestions: 1 }] }],
});
