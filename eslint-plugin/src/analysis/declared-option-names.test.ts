import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A request layer whose options parameter is typed with a type of the file that names no signal and no timeout: no
// caller can bound its request (a `signal` in the caller's literal does not compile), so the request is reported once,
// in the layer, with a fix there; its callers are not. A layer typed `RequestInit` is still judged at each caller.

interface Finding { line: number; fix?: string }

function findings(code: string): Finding[] {
  const config = [...(plugin.configs.recommended as unknown as Linter.Config[])];
  return new Linter({ configType: 'flat' }).verify(code, config, { filename: 'src/client.ts' })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => {
      const fix = message.suggestions?.[0]?.fix;
      return { line: message.line, ...(fix ? { fix: fix.text } : {}) };
    });
}

const layer = (optionsType: string, declarations = ''): string => `${declarations}
export async function send(url: string, options: ${optionsType} = {}) {
  const response = await fetch(url, { ...options });
  return response.json();
}
export const profile = () => send('https://api.example.com/me', { headers: { accept: 'application/json' } });
`;

describe('a request layer whose options type names no bound', () => {
  it('reports the layer\'s request, not its callers, with the signal set there', () => {
    const code = layer('SendOptions', 'interface SendOptions { headers?: Record<string, string>; method?: string; body?: string }');
    expect(findings(code)).toEqual([{ line: 3, fix: 'fetch(url, { ...options, signal: AbortSignal.timeout(5_000) })' }]);
  });

  it('reads a type literal, an alias and an interface it extends the same way', () => {
    expect(findings(layer('{ headers?: Record<string, string> }')).map((finding) => finding.line)).toEqual([3]);
    expect(findings(layer('SendOptions', 'type SendOptions = { method?: string } & { body?: string };')).map((finding) => finding.line)).toEqual([3]);
    expect(findings(layer('SendOptions', 'interface Base { method?: string }\ninterface SendOptions extends Base { retries?: number }')).map((finding) => finding.line)).toEqual([4]);
  });

  it('reports a factory\'s request function that every method of the client calls', () => {
    const code = `interface CallOptions { headers?: Record<string, string>; method?: string }
function createClient(base: string) {
  const request = async (path: string, options?: CallOptions) => {
    const response = await fetch(base + path, { headers: { accept: 'application/json' }, ...options });
    return response.json();
  };
  return { get: (path: string, o?: CallOptions) => request(path, o), post: (path: string, o?: CallOptions) => request(path, { ...o, method: 'POST' }) };
}
export const listItems = () => createClient('https://api.example.com').get('/items');
`;
    expect(findings(code)).toEqual([{ line: 4, fix: "fetch(base + path, { headers: { accept: 'application/json' }, ...options, signal: AbortSignal.timeout(5_000) })" }]);
  });

  it('reads options copied into a variable of that type before the request', () => {
    const code = `interface SendOptions { headers?: Record<string, string>; body?: unknown; retries?: number }
export async function send(url: string, options: SendOptions = {}) {
  const init: SendOptions = { ...options, headers: { 'content-type': 'application/json', ...options.headers } };
  if (options.body) init.body = JSON.stringify(options.body);
  return (await fetch(url, init as RequestInit)).json();
}
export const save = (item: object) => send('https://api.example.com/items', { body: item });
`;
    expect(findings(code).map((finding) => finding.line)).toEqual([5]);
  });
});

describe('a request layer whose callers can bound it (control)', () => {
  it('judges each caller of a layer typed RequestInit by what it passes', () => {
    expect(findings(layer('RequestInit')).map((finding) => finding.line)).toEqual([6]);
    const bounded = layer('RequestInit').replace("{ headers: { accept: 'application/json' } }", '{ signal: AbortSignal.timeout(5_000) }');
    expect(findings(bounded)).toEqual([]);
  });

  it('judges the callers when the type of the file names a signal', () => {
    const code = layer('SendOptions', 'interface SendOptions { headers?: Record<string, string>; signal?: AbortSignal }');
    expect(findings(code).map((finding) => finding.line)).toEqual([6]);
  });
});
