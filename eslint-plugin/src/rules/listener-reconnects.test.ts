import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';

const ruleTester = new RuleTester();

// A camera SDK's event socket (the fortieth round): on every error or close it waits a second and connects again,
// forever, always one second, so while the service is down every client knocks once a second in step. The wait is a
// helper's promise (`delay(1_000).then(...)`), and the reconnect a function the listeners call or are handed.
const hub = (listeners: string, wait = 'delay(1_000)') => `declare const delay: (ms: number) => Promise<void>;
declare class EventSocket { constructor(url: string); close(): void; addEventListener(event: string, listener: () => unknown): void }
export class Hub {
  async connect(): Promise<EventSocket> {
    const socket = new EventSocket('wss://hub.example.com/events');
    const reconnect = () => {
      socket.close();
      return ${wait}.then(() => this.connect());
    };
    ${listeners}
    return socket;
  }
}`;

const fixedWait = (listeners: string) => hub(listeners).replace('async connect(): Promise<EventSocket> {', 'async connect(attempt = 0): Promise<EventSocket> {')
  .replace('return delay(1_000).then(() => this.connect());', 'return delay(Math.random() * Math.min(30_000, 100 * 2 ** attempt)).then(() => this.connect(attempt + 1));');

ruleTester.run('retry-requires-backoff: a socket reconnecting from its listeners', backoff, {
  valid: [
    // a reconnect no failure listener runs (only an explicit `restart()` does)
    hub('this.restart = reconnect;').replace('export class Hub {', 'export class Hub {\n  restart?: () => unknown;'),
    // growing, randomised waits
    hub("socket.addEventListener('close', () => reconnect());", 'delay(Math.random() * 2 ** Math.min(10, this.failures++) * 100)').replace('export class Hub {', 'export class Hub {\n  failures = 0;'),
  ],
  invalid: [
    {
      code: hub("socket.addEventListener('error', () => reconnect());\n    socket.addEventListener('close', () => reconnect());"),
      errors: [{ messageId: 'constantDelay', line: 8, suggestions: [{ messageId: 'fixAddBackoff', output: fixedWait("socket.addEventListener('error', () => reconnect());\n    socket.addEventListener('close', () => reconnect());") }] }],
    },
    {
      code: hub("socket.addEventListener('close', reconnect);"),
      errors: [{ messageId: 'constantDelay', line: 8, suggestions: [{ messageId: 'fixAddBackoff', output: fixedWait("socket.addEventListener('close', reconnect);") }] }],
    },
  ],
});
