import { RuleTester } from '@typescript-eslint/rule-tester';
import unbounded from './no-unbounded-retry.js';
import backoff from './retry-requires-backoff.js';

const ruleTester = new RuleTester();

/**
 * A data source that asks its server for new settings on a fixed period, through an error-first callback. After a
 * failure it reports it and keeps its period, exactly as after a success: that is a poller by design, not a retry
 * that hammers a dependency until it answers.
 */
const settingsPoller = (afterSuccess: string, onFailure = `this.report('interrupted', err);`) => `
import http from 'node:http';
type Done = (err?: { status?: number }, body?: string) => void;
function download(url: string, done: Done) {
  http.get(url, { timeout: 10_000 }, (res) => {
    let body = '';
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => done(res.statusCode === 200 ? undefined : { status: res.statusCode }, body));
  }).on('error', () => done({}));
}
export class SettingsPoller {
  private handle?: ReturnType<typeof setTimeout>;
  private halted = false;
  constructor(private readonly url: string, private readonly report: (state: string, detail?: unknown) => void, private readonly periodSeconds = 60) {}
  private tick() {
    if (this.halted) return;
    const began = Date.now();
    download(this.url, (err, body) => {
      const pause = Math.max(this.periodSeconds * 1000 - (Date.now() - began), 0);
      if (err) {
        if (err.status === 401 || err.status === 403) {
          this.report('closed', err);
          return;
        }
        ${onFailure}
        this.handle = setTimeout(() => this.tick(), pause);
        return;
      }
      this.report('valid', body);
      ${afterSuccess}
    });
  }
  start() { this.tick(); }
  stop() { this.halted = true; clearTimeout(this.handle); }
}`;

const nextTurn = 'this.handle = setTimeout(() => this.tick(), pause);';

ruleTester.run('no-unbounded-retry: periodic polls through an error-first callback', unbounded, {
  valid: [
    // The next turn is scheduled after a success too, so the timer in the failure branch keeps the period.
    settingsPoller(nextTurn),
    // Reporting through the logger rather than a status callback is the same poller.
    settingsPoller(nextTurn, `console.warn('settings poll failed, trying again next period', err);`),
    // The next turn after a success written as a block body.
    settingsPoller('this.handle = setTimeout(() => { this.tick(); }, pause);'),
  ],
  invalid: [
    // Only a failure schedules another turn: it asks again until the server answers, with no limit.
    { code: settingsPoller(''), errors: [{ messageId: 'unbounded', line: 26, suggestions: 1 }] },
    // A timer after the success that runs something else is not the poll's next turn.
    { code: settingsPoller('this.handle = setTimeout(() => this.report("idle"), pause);'), errors: [{ messageId: 'unbounded', line: 26, suggestions: 1 }] },
  ],
});

ruleTester.run('retry-requires-backoff: periodic polls through an error-first callback', backoff, {
  valid: [settingsPoller(nextTurn)],
  invalid: [],
});
