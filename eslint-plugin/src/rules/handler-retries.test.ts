import { RuleTester } from '@typescript-eslint/rule-tester';
import backoff from './retry-requires-backoff.js';

const ruleTester = new RuleTester();

/**
 * An SDK transport's retry written as separate handlers (met on opensearch-js, the thirty-fifth round): `send` hands its
 * answer to `onResponse`, which calls `send` again at once on a 502/503/504, directly or through the handler it runs for
 * the body. Each re-send hits a node that has just failed; behind one URL (a managed cluster) it is the same node.
 */
const transport = (retry: string, wait = '') => `import http from 'node:http';
export function request(url: string, maxRetries: number, callback: (error: Error | null, status?: number) => void) {
  let attempts = 0;
  const send = () => {
    const req = http.request(url, { timeout: 30_000 }, onResponse);
    req.on('error', (error) => callback(error));
    req.end();
  };
  const onResponse = (res: http.IncomingMessage) => {
    res.resume();
    ${retry}
  };
  const onEnd = (status: number) => {
    if (status === 502 || status === 503 || status === 504) {
      if (attempts < maxRetries) {
        attempts++;
        ${wait}send();
        return;
      }
    }
    callback(null, status);
  };
  send();
}
`;

/**
 * The same transport keeping the request it sent (`request = http.request(...)`) and logging an id it keeps under the
 * property `request`: reading `meta.request.id` says nothing of the variable `request`, so the attempt hands nothing
 * of its count on and the re-send is at once; the fix's backoff grows with the count the branch already moves.
 */
const handleTransport = `import http from 'node:http';
export function send(url: string, maxRetries: number, log: (line: string) => void, callback: (error: Error | null, status?: number) => void) {
  const meta = { attempts: 0, request: { id: Math.random() } };
  let request: http.ClientRequest | undefined;
  const makeRequest = () => {
    log(\`sending \${meta.request.id}\`);
    request = http.request(url, { timeout: 30_000 }, onResponse);
    request.on('error', (error) => callback(error));
    request.end();
  };
  const onResponse = (res: http.IncomingMessage) => {
    res.resume();
    res.on('end', () => onEnd(res.statusCode ?? 0));
  };
  const onEnd = (status: number) => {
    if (status === 502 || status === 503) {
      if (meta.attempts < maxRetries) {
        meta.attempts++;
        makeRequest();
        return;
      }
    }
    callback(null, status);
  };
  makeRequest();
}
`;

ruleTester.run('retry-requires-backoff: a transport re-sending from the handler it hands its answer to', backoff, {
  valid: [
    // a wait before the re-send
    transport("res.on('end', () => onEnd(res.statusCode ?? 0));", 'await new Promise((resolve) => setTimeout(resolve, 2 ** attempts * 100));\n        ').replace('const onEnd = (status: number)', 'const onEnd = async (status: number)'),
    // the handler reads a success only
    transport("res.on('end', () => callback(null, res.statusCode));"),
  ],
  invalid: [
    {
      // through the handler for the body, run by the one the request is handed
      code: transport("res.on('end', () => onEnd(res.statusCode ?? 0));"),
      errors: [{ messageId: 'noDelay', line: 17, suggestions: 1 }],
    },
    {
      code: handleTransport,
      errors: [{
        messageId: 'noDelay',
        line: 19,
        suggestions: [{
          messageId: 'fixAddBackoff',
          output: handleTransport.replace('        makeRequest();\n        return;', '        new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(30_000, 100 * 2 ** meta.attempts))).then(() => makeRequest());\n        return;'),
        }],
      }],
    },
  ],
});
