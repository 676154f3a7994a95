import { RuleTester } from '@typescript-eslint/rule-tester';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import noUnprotectedCall from '../rules/no-unprotected-call.js';
import requireTimeout from '../rules/require-timeout.js';

// A raw TCP or TLS connection to a host a request names (a certificate check reading the peer's certificate, met on
// web-check): a host that accepts the connection and never finishes the handshake holds it, and the request waiting
// on it, for ever. The fix ends the socket after a silence.
const certificate = (connect = 'tls.connect({ host, port, servername: host }, () => { resolve(socket.getPeerCertificate().valid_to); socket.end(); })') => `import tls from 'node:tls';
export function expiryOf(host: string, port = 443): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = ${connect};
    socket.on('error', reject);
  });
}
`;
const destroyAfterSilence = ".setTimeout(10_000, function (this: import('node:tls').TLSSocket) { this.destroy(new Error('Connection timed out')); })";
const ruleTester = new RuleTester();

ruleTester.run('require-timeout: node:net and node:tls connections', requireTimeout, {
  valid: [
    // a socket made in either arm of a choice, destroyed by a timer when the user gives a connect timeout (met on a
    // database CLI's wire client in the thirty-second round)
    `import net from 'node:net';
     export function openSocket(host: string, port: number, limit?: number): Promise<net.Socket> {
       return new Promise((resolve, reject) => {
         const socket = host.startsWith('/') ? net.connect({ path: host }) : net.connect({ host, port });
         const timer = limit ? setTimeout(() => socket.destroy(new Error('connect timed out')), limit) : undefined;
         socket.once('error', (error) => { clearTimeout(timer); reject(error); });
         socket.once('connect', () => { clearTimeout(timer); resolve(socket); });
       });
     }`,
    certificate('tls.connect({ host, port, servername: host, timeout: 5_000 }, () => resolve(socket.getPeerCertificate().valid_to))'),
    certificate(`tls.connect({ host, port }, () => resolve(socket.getPeerCertificate().valid_to))${destroyAfterSilence}`),
    `import net from 'node:net';
     export function reachable(host: string, port: number) {
       const socket = net.connect(port, host);
       socket.setTimeout(3_000, () => socket.destroy());
       socket.on('error', () => {});
       return socket;
     }`,
    `import net from 'node:net';
     export const open = (host: string, port: number) => net.createConnection({ host, port, signal: AbortSignal.timeout(3_000) }).on('error', () => {});`,
    // a local process: a Unix socket, a loopback port
    `import net from 'node:net';
     export const docker = () => net.connect('/var/run/docker.sock').on('error', () => {});
     export const daemon = (socketPath: string) => net.connect(socketPath).on('error', () => {});
     export const dev = (port: number) => net.createConnection({ port, host: '127.0.0.1' }).on('error', () => {});
     export const devByName = (port: number) => net.connect(port, 'localhost').on('error', () => {});`,
    // a proxy's connection handed, as it is made, to the agent whose request it carries: that request's bound holds
    `import net from 'node:net';
     import tls from 'node:tls';
     export function proxyFor(host: string, port: number, secure: boolean) {
       return { host, port, connect: () => (secure ? tls : net).connect({ host, port }) };
     }
     export function tunnel(host: string, port: number) { return net.connect({ host, port }); }`,
    // TLS over a socket made elsewhere: that socket is where the bound belongs
    `import tls from 'node:tls';
     import type { Socket } from 'node:net';
     export const secure = (socket: Socket, servername: string) => tls.connect({ socket, servername }).on('error', () => {});`,
  ],
  invalid: [
    {
      code: certificate(),
      errors: [{ messageId: 'missingTimeout', line: 4, suggestions: [{ messageId: 'fixClientTimeout', output: certificate(`tls.connect({ host, port, servername: host }, () => { resolve(socket.getPeerCertificate().valid_to); socket.end(); })${destroyAfterSilence}`) }] }],
    },
    {
      code: `import net from 'node:net';
export const send = (host: string, port: number, line: string) => net.connect(port, host, () => {}).on('error', () => {}).end(line);`,
      errors: [{ messageId: 'missingTimeout', suggestions: [{ messageId: 'fixClientTimeout', output: `import net from 'node:net';
export const send = (host: string, port: number, line: string) => net.connect(port, host, () => {}).setTimeout(10_000, function (this: import('node:net').Socket) { this.destroy(new Error('Connection timed out')); }).on('error', () => {}).end(line);` }] }],
    },
  ],
});

// a socket's failure is an 'error' event: with no listener, a refused connection ends the process
ruleTester.run('no-unprotected-call: node:net connections', noUnprotectedCall, {
  valid: [`import net from 'node:net';
export function ping(host: string) { const socket = net.connect(80, host); socket.on('error', () => {}); socket.setTimeout(1_000, () => socket.destroy()); }`],
  invalid: [{
    code: `import net from 'node:net';
export function ping(host: string) { const socket = net.connect(80, host); socket.setTimeout(1_000, () => socket.destroy()); socket.end('PING'); }`,
    errors: [{ messageId: 'errorEvent', suggestions: [{ messageId: 'fixAddErrorListener', output: `import net from 'node:net';
export function ping(host: string) { const socket = net.connect(80, host).on('error', (error: Error) => { console.error('net.connect failed', error); }); socket.setTimeout(1_000, () => socket.destroy()); socket.end('PING'); }` }] }],
  }],
});

describe('the socket timeout fix', () => {
  it('compiles against node\'s types and ends a handshake the host never answers', { timeout: 60_000 }, async () => {
    const [finding] = lint(certificate(), 'certificate.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(certificate(), finding!.suggestions[0]!);
    expect(typeErrors([fixed, fixed.replace('this.destroy', 'this.destroyed(')]).map((errors) => errors.length > 0)).toEqual([false, true]);

    // a host that takes the connection and says nothing
    const held: Socket[] = [];
    const server = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const { outputText } = ts.transpileModule(fixed.replace('10_000', '300'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
      const module = { exports: {} as { expiryOf?: (host: string, port: number) => Promise<string> } };
      new Function('require', 'module', 'exports', outputText)(createRequire(import.meta.url), module, module.exports);
      const settled = module.exports.expiryOf!('127.0.0.1', port).then(() => 'resolved', (error: Error) => error.message);
      const pending = new Promise((resolve) => setTimeout(resolve, 3_000, 'still pending'));
      expect(await Promise.race([settled, pending])).toBe('Connection timed out');
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
