import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from './require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

/**
 * A request object ended by hand when the time is up: the signal never reaches the request's options, but a timer
 * destroys the request, directly or from the 'abort' listener of a signal the timer aborts.
 */
const readStatus = (lines: string) => `
import https from 'node:https';
export function readStatus(host: string): Promise<string> {
  return new Promise((resolve) => {${lines}
  });
}`;

ruleTester.run('require-timeout: a request ended by a hand-made timeout', rule, {
  valid: [
    // A controller a timer aborts, whose signal's 'abort' listener destroys the request.
    readStatus(`
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 4_000);
    const req = https.request({ hostname: host, path: '/status' }, (res) => {
      clearTimeout(timer);
      res.on('data', (chunk) => resolve(String(chunk)));
    });
    req.on('error', () => resolve(''));
    controller.signal.addEventListener('abort', () => {
      req.destroy();
      resolve('');
    }, { once: true });
    req.end();`),
    // A timeout signal held in a const, listened to with `onabort`.
    readStatus(`
    const deadline = AbortSignal.timeout(4_000);
    const req = https.request({ hostname: host, path: '/status' }, (res) => res.on('data', (chunk) => resolve(String(chunk))));
    deadline.onabort = () => req.destroy();
    req.on('error', () => resolve(''));
    req.end();`),
    // A timer that destroys the request itself.
    readStatus(`
    const req = https.request({ hostname: host, path: '/status' }, (res) => res.on('data', (chunk) => resolve(String(chunk))));
    setTimeout(() => req.destroy(new Error('status check took too long')), 4_000);
    req.on('error', () => resolve(''));
    req.end();`),
  ],
  invalid: [
    // The timer only logs; the controller is aborted when the answer has come, which bounds nothing.
    {
      code: readStatus(`
    const controller = new AbortController();
    setTimeout(() => console.warn('status check is slow'), 4_000);
    const req = https.request({ hostname: host, path: '/status' }, (res) => {
      res.on('end', () => controller.abort());
      res.on('data', (chunk) => resolve(String(chunk)));
    });
    controller.signal.addEventListener('abort', () => req.destroy());
    req.end();`),
      errors: [{ ...missing, line: 7, suggestions: 1 }],
    },
    // The timer aborts, but the listener ends another request, not this one.
    {
      code: readStatus(`
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 4_000);
    const probe = https.request({ hostname: host, path: '/ping' });
    probe.on('error', () => undefined);
    const req = https.request({ hostname: host, path: '/status' }, (res) => res.on('data', (chunk) => resolve(String(chunk))));
    controller.signal.addEventListener('abort', () => probe.destroy());
    req.end();
    probe.end();`),
      errors: [{ ...missing, line: 9, suggestions: 1 }],
    },
    // The listener destroys the request, but only Ctrl-C aborts the controller: nothing ends a request that hangs.
    {
      code: readStatus(`
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    const req = https.request({ hostname: host, path: '/status' }, (res) => res.on('data', (chunk) => resolve(String(chunk))));
    controller.signal.addEventListener('abort', () => req.destroy());
    req.on('error', () => resolve(''));
    req.end();`),
      errors: [{ ...missing, line: 7, suggestions: 1 }],
    },
  ],
});

// A request asked through a proxy tunnel (met on a CLI's diagnostics, after its held-out round): one timer, armed
// first in the promise's executor, settles the promise with a failure through the executor's `stop`, which tears the
// sockets down; the request is made later, in the tunnel's callbacks.
const viaTunnel = (guard: string) => `import net from 'node:net';
import tls from 'node:tls';
import https from 'node:https';
export function viaTunnel(hostname: string, proxy: { host: string; port: number }, limitMs = 8_000): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const raw = net.connect({ host: proxy.host, port: proxy.port });
    let secure: tls.TLSSocket | undefined;
    const stop = (error: Error | null, status?: number) => {
      clearTimeout(guard);
      if (error) { secure?.destroy(); raw.destroy(); reject(error); } else resolve(status);
    };
    const guard = ${guard};
    raw.on('error', stop);
    raw.once('data', () => {
      secure = tls.connect({ socket: raw, servername: hostname });
      secure.on('secureConnect', () => {
        const request = https.request({ createConnection: () => secure!, hostname, path: '/' }, (response) => {
          response.resume();
          response.on('end', () => stop(null, response.statusCode));
        });
        request.on('error', stop);
        request.end();
      });
    });
    raw.write(\`CONNECT \${hostname}:443 HTTP/1.1\\r\\nHost: \${hostname}:443\\r\\n\\r\\n\`);
  });
}`;

ruleTester.run('require-timeout: a request whose promise a guard timer settles', rule, {
  valid: [
    viaTunnel("setTimeout(() => stop(new Error('gave up')), limitMs)"),
    // the guard rejects the promise itself, after ending the request's socket
    viaTunnel("setTimeout(() => { raw.destroy(); reject(new Error('gave up')); }, limitMs)"),
  ],
  invalid: [
    // a timer that only warns bounds nothing: neither the tunnel's socket nor the request through it
    { code: viaTunnel("setTimeout(() => console.warn('slow tunnel'), limitMs)"), errors: [{ ...missing, line: 6, suggestions: 1 }, { ...missing, line: 17, suggestions: 1 }] },
    // nor one that settles the promise only when some condition holds
    { code: viaTunnel("setTimeout(() => { if (!secure) stop(new Error('gave up')); }, limitMs)"), errors: [{ ...missing, line: 6, suggestions: 1 }, { ...missing, line: 17, suggestions: 1 }] },
  ],
});
