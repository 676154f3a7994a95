import { createServer, type Server, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import { RuleTester } from '@typescript-eslint/rule-tester';
import ts from 'typescript';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A camera SDK's signalling and event sockets (the fortieth round): undici's WebSocket opens through the global
// dispatcher, whose only bound on the upgrade's answer is 300 s.
const signalling = (init: string) => `import { WebSocket } from 'undici';
export function openSignalling(ticket: string) {
  return new WebSocket(\`wss://signal.cams.example.com/ws?token=\${ticket}\`${init});
}`;
const missing = { messageId: 'missingOpeningTimeout' as const, suggestions: 1 };

new RuleTester().run('require-timeout (undici WebSocket)', requireTimeout, {
  valid: [
    // a dispatcher of its own: how it was made is its maker's to say
    signalling(', { dispatcher: handshakeAgent }').replace("import { WebSocket } from 'undici';", "import { WebSocket, Agent } from 'undici';\nconst handshakeAgent = new Agent({ headersTimeout: 5_000 });"),
    // an init kept elsewhere may name one
    signalling(', init').replace('ticket: string', 'ticket: string, init: { headers: Record<string, string> }'),
    // the ws package's socket is judged by its own model, and the browser's WebSocket is no Node request
    "import WebSocket from 'ws';\nexport const open = (url: string) => new WebSocket(url, { handshakeTimeout: 5_000 });",
  ],
  invalid: [
    { code: signalling(''), errors: [missing] },
    { code: signalling(", { headers: { 'User-Agent': 'cam-sdk' } }"), errors: [missing] },
    { code: signalling(", ['signal.v2']"), errors: [missing] },
  ],
});

/** The first suggestion applied. */
function fixed(source: string): string {
  const [finding] = lint(source, 'signalling.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
  const suggestion = finding!.suggestions[0]!;
  return source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
}

describe('the undici WebSocket fix', () => {
  it('hands the socket a dispatcher bounding the handshake, keeping the protocols and headers, and compiles against undici', { timeout: 60_000 }, () => {
    const bare = fixed(signalling(''));
    const withHeaders = fixed(signalling(", { headers: { 'User-Agent': 'cam-sdk' } }"));
    const withProtocols = fixed(signalling(", ['signal.v2']"));
    expect(bare).toContain("import { WebSocket, Agent } from 'undici';");
    expect(bare).toContain('`, { dispatcher: new Agent({ headersTimeout: 10_000 }) });');
    expect(withHeaders).toContain("{ headers: { 'User-Agent': 'cam-sdk' }, dispatcher: new Agent({ headersTimeout: 10_000 }) }");
    expect(withProtocols).toContain("{ protocols: ['signal.v2'], dispatcher: new Agent({ headersTimeout: 10_000 }) }");
    expect(typeErrors([bare, withHeaders, withProtocols])).toEqual([[], [], []]);
    for (const source of [bare, withHeaders, withProtocols]) expect(lint(source, 'signalling.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  });

  // A server that takes the connection and never answers the upgrade: the fixed socket gives up, the original waits.
  const held: Socket[] = [];
  let server: Server | undefined;
  afterEach(() => {
    for (const socket of held) socket.destroy();
    server?.close();
  });

  it('at run time, fails the opening when the server never answers the upgrade', { timeout: 30_000 }, async () => {
    server = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const load = (source: string) => {
      const { outputText } = ts.transpileModule(source.replace('wss://signal.cams.example.com/ws', `ws://127.0.0.1:${port}/ws`).replace('10_000', '300'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      });
      const module = { exports: {} as Record<string, unknown> };
      new Function('require', 'module', 'exports', outputText)(createRequire(import.meta.url), module, module.exports);
      return module.exports['openSignalling'] as (ticket: string) => { readyState: number; addEventListener(event: string, listener: () => void): void; close(): void };
    };
    const outcome = (socket: ReturnType<ReturnType<typeof load>>, within: number) => new Promise<string>((resolve) => {
      socket.addEventListener('error', () => resolve('failed'));
      socket.addEventListener('open', () => resolve('open'));
      setTimeout(() => resolve('still waiting'), within);
    });
    const started = Date.now();
    expect(await outcome(load(fixed(signalling('')))('t1'), 5_000)).toBe('failed');
    expect(Date.now() - started).toBeLessThan(3_000);
    const original = load(signalling(''))('t2');
    expect(await outcome(original, 1_500)).toBe('still waiting');
    original.close();
  });
});
