import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import rule from '../rules/require-timeout.js';
import { typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';

// Issues 12 and 13: a request layer whose request is bounded only by a signal its caller may hand in is one gap,
// fixed once where the request is made; its callers are not reported one by one (with no fix) for it.
const ruleTester = new RuleTester();
const optional = { messageId: 'optionalSignal' as const };
const untimed = { messageId: 'untimedSignal' as const };

/** A CLI's API layer: the caller's init spread in, its optional signal written after it, positional. */
const positionalLayer = `export async function request(path: string, init: RequestInit = {}, query?: URLSearchParams, abortSignal?: AbortSignal) {
  const search = query ? \`?\${query.toString()}\` : '';
  return await fetch(\`https://api.example.test\${path}\${search}\`, { method: 'GET', ...init, headers: new Headers(init.headers), signal: abortSignal });
}
export async function result<T>(path: string, init: RequestInit = {}, abortSignal?: AbortSignal): Promise<T> {
  return (await (await request(path, init, undefined, abortSignal)).json()) as T;
}
export const listZones = () => result<string[]>('/zones');
export const purge = (zone: string) => result<void>(\`/zones/\${zone}/purge\`, { method: 'POST' }, undefined);
`;

/** An SDK's layer taking its options as one object, the signal optional in it. */
const optionsLayer = `export async function postJson({ url, body, abortSignal }: { url: string; body: unknown; abortSignal?: AbortSignal }) {
  return await fetch(url, { method: 'POST', body: JSON.stringify(body), signal: abortSignal });
}
export const speak = (options: { text: string; abortSignal?: AbortSignal }) =>
  postJson({ url: 'https://speech.example.test/v1', body: { text: options.text }, abortSignal: options.abortSignal });
export const voices = () => postJson({ url: 'https://speech.example.test/v1/voices', body: {} });
`;

/** A download layer whose init comes from a helper of the file, the signal optional. */
const helperInit = `export async function download({ url, abortSignal }: { url: string; abortSignal?: AbortSignal }) {
  const hop = (redirect: 'manual' | 'follow'): RequestInit => {
    const init: RequestInit = { signal: abortSignal, redirect };
    init.headers = { accept: '*/*' };
    return init;
  };
  return await fetch(url, hop('manual'));
}
`;

ruleTester.run('require-timeout: a request layer bounded only by an optional signal it is handed', rule, {
  valid: [
    // control: the layer already gives its signal a default, so neither it nor its callers are reported
    `export async function get(url: string, abortSignal?: AbortSignal) {
  return await fetch(url, { ...{ method: 'GET' }, signal: abortSignal ?? AbortSignal.timeout(10_000) });
}
export const status = () => get('https://status.example.test');`,
    // control: a signal the layer requires, given a deadline by its caller
    `async function send(url: string, signal: AbortSignal) { return await fetch(url, { method: 'POST', signal }); }
export const ping = () => send('https://status.example.test', AbortSignal.timeout(2_000));`,
    // control: a controller aborted on a timer as well as on cancel is a bound
    `export const sendOnce = async (url: string, onCancel: (handler: () => void) => void) => {
  const controller = new AbortController();
  onCancel(() => controller.abort());
  setTimeout(() => controller.abort(), 10_000);
  return await fetch(url, { signal: controller.signal });
};`,
  ],
  invalid: [
    {
      // the layer, once; neither the function handing on its own optional signal nor the callers passing none
      code: positionalLayer,
      errors: [{ ...optional, line: 3, suggestions: 5 }],
    },
    {
      code: optionsLayer,
      errors: [{ ...optional, line: 2, suggestions: 4 }],
    },
    {
      // the signal the helper puts in the init is the request's only bound
      code: helperInit,
      errors: [{ ...optional, line: 7, data: { call: 'fetch', signal: 'abortSignal', remedy: 'give it a default: `abortSignal ?? AbortSignal.timeout(30_000)` (a signal the caller passes still wins)' }, suggestions: 5 }],
    },
    {
      // two requests bounded by the one signal the helper's init carries share its one default: reported once
      code: helperInit.replace('return await fetch(url, hop(\'manual\'));', 'const first = await fetch(url, hop(\'manual\'));\n  return first.ok ? first : await fetch(url, hop(\'follow\'));'),
      errors: [{ ...optional, line: 7, suggestions: 5 }],
    },
    {
      // control: a signal the layer requires, left out by a caller (a cast, or a JavaScript caller): that caller's gap
      code: `async function send(url: string, signal: AbortSignal) { return await fetch(url, { method: 'POST', signal }); }
export const ping = () => send('https://status.example.test', undefined as unknown as AbortSignal);`,
      errors: [{ messageId: 'missingTimeout', line: 2 }],
    },
    {
      // a controller aborted only when the user cancels (a generated client's cancelable promise) bounds nothing in time
      code: `export const sendRequest = async (url: string, body: string, onCancel: (handler: () => void) => void) => {
  const controller = new AbortController();
  onCancel(() => controller.abort());
  return await fetch(url, { method: 'POST', body, signal: controller.signal });
};`,
      errors: [{ ...untimed, line: 4, suggestions: 3 }],
    },
    {
      // the same controller given to the caller as its `cancel` (an SDK's download, met on datocms's clients, the
      // thirty-fourth round): the caller may never call it
      code: `export function download(url: string) {
  const controller = new AbortController();
  const done = (async () => {
    const response = await fetch(url, { signal: controller.signal });
    return await response.arrayBuffer();
  })();
  return { done, cancel: () => controller.abort() };
}`,
      errors: [{ ...untimed, line: 4, suggestions: 4 }],
    },
    {
      // or handed to the cancelable promise that runs the work, as the hook it calls when cancelled
      code: `declare function makeCancelablePromise<T>(work: () => Promise<T>, onCancel: () => void): Promise<T> & { cancel(): void };
export function download(url: string) {
  const controller = new AbortController();
  return makeCancelablePromise(async () => {
    const response = await fetch(url, { signal: controller.signal });
    return await response.arrayBuffer();
  }, () => {
    controller.abort();
  });
}`,
      errors: [{ ...untimed, line: 5, suggestions: 4 }],
    },
  ],
});

const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: { rules: { 'require-timeout': rule } } }, rules: { 'resilint/require-timeout': 'error' } }] as Linter.Config[];

/** The file after the default-signal suggestion of its one finding. */
function withDefaultSignal(code: string): string {
  const [finding] = new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename: '/project/src/layer.ts' });
  const fix = finding?.suggestions?.find((suggestion) => suggestion.messageId === 'fixDefaultSignal')?.fix;
  if (!fix) throw new Error(`no default-signal suggestion: ${finding?.message}`);
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

describe('the default a layer gives its optional signal', () => {
  it('keeps the handed signal and adds a deadline for callers that pass none, where the request reads it', () => {
    expect(withDefaultSignal(positionalLayer)).toContain("headers: new Headers(init.headers), signal: abortSignal ?? AbortSignal.timeout(30_000) });");
    expect(withDefaultSignal(optionsLayer)).toContain('signal: abortSignal ?? AbortSignal.timeout(30_000) });');
    // in the helper that builds the init, not at the call
    expect(withDefaultSignal(helperInit)).toContain('const init: RequestInit = { signal: abortSignal ?? AbortSignal.timeout(30_000), redirect };');
    // a shorthand property keeps its key
    expect(withDefaultSignal('export const get = (url: string, signal?: AbortSignal) => fetch(url, { signal });'))
      .toBe('export const get = (url: string, signal?: AbortSignal) => fetch(url, { signal: signal ?? AbortSignal.timeout(30_000) });');
  });

  it('compiles against the installed types (no AbortSignal.any needed)', () => {
    expect(typeErrors([positionalLayer, optionsLayer, helperInit].map(withDefaultSignal))).toEqual([[], [], []]);
  });

  it('is not offered for a signal the layer makes itself', () => {
    const [finding] = new Linter({ configType: 'flat', cwd: '/' }).verify(`export class Client {
  constructor(private readonly timeout = 0) {}
  get(url: string) {
    const signal = this.timeout > 0 ? AbortSignal.timeout(this.timeout) : undefined;
    return fetch(url, { signal });
  }
}`, config, { filename: '/project/src/client.ts' });
    expect(finding?.messageId).toBe('optionalSignal');
    expect(finding?.suggestions?.map(({ messageId }) => messageId)).not.toContain('fixDefaultSignal');
  });
});

describe('a controller aborted only on cancel, its signal in a local init', () => {
  it('is combined with a deadline, so the cancel keeps working', () => {
    const code = `export const sendRequest = async (url: string, onCancel: (handler: () => void) => void) => {
  const controller = new AbortController();
  const request: RequestInit = { method: 'POST', signal: controller.signal };
  onCancel(() => controller.abort());
  return await fetch(url, request);
};`;
    const [finding] = new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename: '/project/src/request.ts' });
    expect(finding?.messageId).toBe('untimedSignal');
    expect(finding?.suggestions?.[0]?.fix.text).toBe('fetch(url, { ...request, signal: request?.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(5_000)]) : AbortSignal.timeout(5_000) })');
  });
});

// fixtures/workspaces/signal-layer-cli: the layers and their callers in separate modules.
const cli = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/signal-layer-cli/src/${path}`, import.meta.url));

function findings(file: string): string[] {
  const recommended = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), recommended, { filename: file })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => `${message.line}:${message.messageId ?? message.message}:${message.suggestions?.[0]?.messageId ?? 'no fix'}`);
}

describe('a request layer and its callers in other modules', () => {
  it('reports the positional layer once, at its request, with a default for the signal', () => {
    expect(findings(cli('cfetch/base.ts'))).toEqual(['8:optionalSignal:fixDefaultSignal']);
    expect(findings(cli('cfetch/index.ts'))).toEqual([]);
  });

  it('leaves its callers silent, whether they pass no signal, a deadline, or a signal only a cancel aborts', () => {
    expect(findings(cli('commands/deploy.ts'))).toEqual([]);
  });

  it('reports the options-object layer once, not the callers handing on their signal or passing none', () => {
    expect(findings(cli('api/post.ts'))).toEqual(['3:optionalSignal:fixDefaultSignal']);
    expect(findings(cli('api/model.ts'))).toEqual([]);
  });

  it('still counts the layer as taking a signal: a race around it is told to cancel the request', () => {
    const file = cli('commands/status.ts');
    const recommended = plugin.configs.recommended as unknown as Linter.Config[];
    const messages = new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), recommended, { filename: file });
    expect(messages.map((message) => `${message.line}:${message.ruleId}`)).toEqual(['10:resilint/timeout-requires-cancellation']);
  });

  it('keeps a required signal the caller\'s, and a defaulted one silent', () => {
    expect(findings(cli('api/signed.ts'))).toEqual([]);
    expect(findings(cli('commands/sync.ts'))).toEqual(['5:missingTimeout:no fix']);
  });
});

describe('a layer handing its response to a handler its caller gives', () => {
  // The AI SDK's postToApi: the caller's handler reads the body, as a stream under streamText. A 30 s total default
  // would cut every long generation of a caller passing no signal; the wait for the headers is bounded instead.
  const layer = (handled: string) => `export async function postToApi<T>({ url, body, successfulResponseHandler, abortSignal }: {
  url: string;
  body: string;
  successfulResponseHandler: (options: { response: Response }) => Promise<T>;
  abortSignal?: AbortSignal;
}): Promise<T> {
  const response = await fetch(url, { method: 'POST', body, signal: abortSignal });
  ${handled}
}
`;
  const lint = (code: string) => new Linter({ configType: 'flat', cwd: '/' }).verify(code, [
    { files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: plugin }, rules: { 'resilint/require-timeout': 'error' } },
  ] as unknown as Linter.Config[], { filename: '/sdk/src/post-to-api.ts' });

  it('bounds the wait for the headers first, the caller\'s signal combined with it, and offers the total default last', () => {
    const code = layer('return successfulResponseHandler({ response });');
    const [finding, ...rest] = lint(code);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 7, messageId: 'optionalSignal' });
    expect(finding!.message).toContain('bound the wait for its response headers');
    expect(finding!.suggestions!.map((suggestion) => suggestion.messageId)).toEqual(['fixBoundResponseHeaders', 'fixWrapHeadersInTimeout', 'fixDefaultSignal']);
    const { range, text } = finding!.suggestions![0]!.fix;
    const fixed = code.slice(0, range[0]) + text + code.slice(range[1]);
    expect(fixed).toContain("signal: abortSignal ? AbortSignal.any([abortSignal, responseHeaders.signal]) : responseHeaders.signal }).finally(() => clearTimeout(headersTimer));");
    expect(typeErrors([fixed])).toEqual([[]]);
  });

  it('keeps the total default first where the layer reads the body itself (control)', () => {
    const [finding] = lint(layer('return (await response.json()) as T;'));
    expect(finding!.suggestions![0]!.messageId).toBe('fixDefaultSignal');
  });
});
