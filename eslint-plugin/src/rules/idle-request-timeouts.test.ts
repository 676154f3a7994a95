import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFix, lint } from '../../../test/fix-correctness.js';
import { loadModule, silentServer, type SilentServer } from '../../../test/silent-server.js';
import rule from './timeout-requires-cancellation.js';

// A client library's Node transport (met on influxdb-client-js, the thirty-second round): the request's socket timeout
// fires, and the listener tells the caller the request failed, but never destroys it. Node's 'timeout' only says the
// socket has been idle: the request and its socket stay open after the caller moved on, and a retry sends another
// beside it. Destroying the request with that failure ends both, and the 'error' listener reports it, once.
const ruleTester = new RuleTester();

const transport = (onTimeout: string, onError = "req.on('error', (error) => done(error));") => `import * as http from 'http';
class TimedOut extends Error {}
export function send(url: string, body: string, done: (error: Error | null, status?: number) => void): void {
  const req = http.request(url, { method: 'POST' }, (res) => {
    res.resume();
    res.on('end', () => done(null, res.statusCode));
  });
  req.setTimeout(200);
  ${onTimeout}
  ${onError}
  req.end(body);
}
`;

// A CLI opening a tunnel through a proxy (met on balena-cli, the thirty-third round): the socket's idle timeout rejects
// the caller's promise and leaves the socket open; handing the socket to `resolve` once connected ends nothing.
const tunnel = (onTimeout: string) => `import * as net from 'net';
export function openTunnel(port: number, host: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, host, () => {
      sock.once('data', () => {
        sock.setTimeout(0);
        resolve(sock);
      });
      ${onTimeout}
      sock.setTimeout(200);
    });
    sock.on('error', reject);
  });
}
`;

ruleTester.run('timeout-requires-cancellation: a request left running after its idle timeout', rule, {
  valid: [
    // destroyed with the failure: the 'error' listener reports it
    transport("req.on('timeout', () => req.destroy(new TimedOut('no answer')));"),
    transport("req.on('timeout', () => { done(new TimedOut('no answer')); req.destroy(); });"),
    // the listener given to setTimeout, destroying the request it is called on
    transport("req.setTimeout(200, function () { this.destroy(new TimedOut('no answer')); });"),
    // the request handed to something that may end it
    `import * as http from 'http';
export function send(url: string, track: (request: http.ClientRequest) => void, done: (error: Error | null) => void) {
  const req = http.get(url, () => done(null));
  track(req);
  req.on('timeout', () => done(new Error('timed out')));
  req.on('error', (error) => done(error));
}`,
    // its errors go elsewhere: destroying it would report the failure twice, or nowhere
    transport("req.on('timeout', () => done(new TimedOut('no answer')));", "req.on('error', (error) => console.error(error));"),
    // no Node request in the file
    `import { EventEmitter } from 'events';
export function watch(job: EventEmitter, done: (error: Error | null) => void) {
  const worker = makeWorker(job);
  worker.on('timeout', () => done(new Error('job stalled')));
  worker.on('error', (error: Error) => done(error));
}
declare function makeWorker(job: EventEmitter): EventEmitter;`,
  ],
  invalid: [
    {
      code: tunnel("sock.on('timeout', () => reject(new Error('no answer from the proxy')));"),
      errors: [{
        messageId: 'idleRequestKept',
        line: 9,
        data: { request: 'sock', held: 'the connection lives on' },
        suggestions: [{ messageId: 'fixDestroyIdleRequest', output: tunnel("sock.on('timeout', () => sock.destroy(new Error('no answer from the proxy')));") }],
      }],
    },
    {
      code: transport("req.on('timeout', () => done(new TimedOut('no answer')));"),
      errors: [{
        messageId: 'idleRequestKept',
        line: 9,
        suggestions: [{ messageId: 'fixDestroyIdleRequest', output: transport("req.on('timeout', () => req.destroy(new TimedOut('no answer')));") }],
      }],
    },
    {
      // a request made by a function the class keeps (http.request or follow-redirects'), its error listener the sink itself
      code: `import * as https from 'https';
class RequestTimedOutError extends Error {}
export class Transport {
  private requestApi = https.request;
  send(options: https.RequestOptions, reject: (error: unknown) => void): void {
    const req = this.requestApi(options, (res) => res.resume());
    req.on('timeout', () => {
      reject(new RequestTimedOutError());
    });
    req.on('error', reject);
    req.end();
  }
}`,
      errors: [{ messageId: 'idleRequestKept', line: 8, suggestions: [{ messageId: 'fixDestroyIdleRequest', output: `import * as https from 'https';
class RequestTimedOutError extends Error {}
export class Transport {
  private requestApi = https.request;
  send(options: https.RequestOptions, reject: (error: unknown) => void): void {
    const req = this.requestApi(options, (res) => res.resume());
    req.on('timeout', () => {
      req.destroy(new RequestTimedOutError());
    });
    req.on('error', reject);
    req.end();
  }
}` }] }],
    },
  ],
});

describe('the fix of a request left running after its idle timeout', () => {
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(() => silent.close());

  it('reports the failure once and closes the connection', async () => {
    const source = transport("req.on('timeout', () => done(new TimedOut('no answer')));");
    const [finding] = lint(source, 'transport.ts').findings.filter((found) => found.ruleId === 'resilint/timeout-requires-cancellation');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(lint(fixed, 'transport.ts').findings.filter((found) => found.ruleId === 'resilint/timeout-requires-cancellation')).toEqual([]);
    const { send } = loadModule<{ send: (url: string, body: string, done: (error: Error | null) => void) => void }>(fixed);
    const reports: string[] = [];
    await new Promise<void>((resolve) => {
      send(silent.url, 'cpu,host=a value=1', (error) => {
        reports.push(error?.message ?? 'ok');
        resolve();
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reports).toEqual(['no answer']);
    expect(await silent.allClosedWithin(2_000)).toBe(true);
  });

  it('rejects a tunnel that never answers and closes its socket', async () => {
    const source = tunnel("sock.on('timeout', () => reject(new Error('no answer from the proxy')));");
    const [finding] = lint(source, 'tunnel.ts').findings.filter((found) => found.ruleId === 'resilint/timeout-requires-cancellation');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    const { openTunnel } = loadModule<{ openTunnel: (port: number, host: string) => Promise<unknown> }>(fixed);
    const { port } = new URL(silent.url);
    await expect(openTunnel(Number(port), '127.0.0.1')).rejects.toThrow('no answer from the proxy');
    expect(await silent.allClosedWithin(2_000)).toBe(true);
  });
});
