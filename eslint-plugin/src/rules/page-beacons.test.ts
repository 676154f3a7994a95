import { RuleTester } from '@typescript-eslint/rule-tester';
import noUnprotectedCall from './no-unprotected-call.js';

const ruleTester = new RuleTester();

/**
 * A page analytics script sending its beacons through a method of its own whose last act is the request (met on
 * swetrix's tracker, the thirty-fifth round): dropping the method's promise drops the beacon, and in a page a failed
 * beacon is a line in the console; nothing waits for it and nothing breaks.
 */
const tracker = (send: string) => `export class Tracker {
  constructor(private readonly pid: string, private readonly host: string) {}
  pageview(): void {
    this.send('pv', { pid: this.pid, pg: location.pathname, ref: document.referrer });
  }
  private async send(kind: string, body: object): Promise<void> {
${send}
  }
}
`;

ruleTester.run('no-unprotected-call: beacons sent through a method of the page script', noUnprotectedCall, {
  valid: [
    tracker(`    const data = JSON.stringify(body);
    await fetch(\`\${this.host}/log/\${kind}\`, { method: 'POST', keepalive: data.length < 60_000, body: data });`),
    tracker(`    return fetch(\`\${this.host}/log/\${kind}\`, { method: 'POST', body: JSON.stringify(body) }).then(() => undefined);`),
    // by default no promise dropped in a page is reported: there a rejection is a line in the console
    tracker(`    const response = await fetch(\`\${this.host}/log/\${kind}\`, { method: 'POST', body: JSON.stringify(body) });
    document.body.dataset.session = (await response.json()).session;`),
  ],
  invalid: [
    {
      // work after the request (the page's state updated from its answer) is left half done when it fails: reported
      // when promises dropped in pages are asked for (`checkPages`, as `strict` does)
      code: tracker(`    const response = await fetch(\`\${this.host}/log/\${kind}\`, { method: 'POST', body: JSON.stringify(body) });
    document.body.dataset.session = (await response.json()).session;`),
      options: [{ checkPages: true }],
      errors: [{ messageId: 'floating', line: 4, suggestions: 4 }],
    },
  ],
});
