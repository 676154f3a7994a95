import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A CLI's API layers over three modules: a fetch helper bounded only when its caller passes `timeout` (its dispatcher
// chosen on some paths only, its caller's options spread after its conditional signal), a client class forwarding
// its caller's options, and an API class holding that client by an interface. The upload passes no timeout.
const project = scratchProject('optional-timeout-layer');

/** The CLI in folder `name`, its fetch helper choosing a dispatcher as `dispatcherChoice` says; its API module. */
function cli(name: string, dispatcherChoice: string): string {
  project.write(`${name}/package.json`, JSON.stringify({ name: 'docs-cli', version: '1.0.0', type: 'module', bin: { 'docs-cli': 'dist/index.js' }, dependencies: { undici: '^6.0.0' } }));
  project.write(`${name}/tsconfig.json`, JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true, outDir: 'dist', rootDir: 'src' } }));
  project.write(`${name}/src/utils/proxy.ts`, `
export const proxyFor = (url: string): string | undefined => (url.startsWith('https:') ? process.env.HTTPS_PROXY : process.env.HTTP_PROXY);
`);
  project.write(`${name}/src/utils/fetch-with-timeout.ts`, `
import { Agent, ProxyAgent } from 'undici';
import { proxyFor } from './proxy.js';

export type FetchWithTimeoutOptions = RequestInit & { timeout?: number };

export default async (url: string, { timeout, ...options }: FetchWithTimeoutOptions = {}) => {
  const proxy = proxyFor(url);
  let dispatcher: Agent | ProxyAgent | undefined;
  const connect = timeout ? { connect: { timeout } } : {};
  ${dispatcherChoice}
  const response = await fetch(url, {
    signal: timeout ? AbortSignal.timeout(timeout) : undefined,
    ...options,
    dispatcher,
  } as RequestInit);
  return response;
};
`);
  return project.write(`${name}/src/api/client.ts`, `
import fetchWithTimeout, { type FetchWithTimeoutOptions } from '../utils/fetch-with-timeout.js';

interface RequestSender {
  request(url: string, options: FetchWithTimeoutOptions): Promise<Response>;
}

export class ApiClient implements RequestSender {
  constructor(private readonly command: string) {}

  async request(url: string, options: FetchWithTimeoutOptions) {
    const headers = { ...options.headers, 'user-agent': \`docs-cli \${this.command}\` };
    try {
      return await fetchWithTimeout(url, { ...options, headers });
    } catch (error) {
      throw new Error(\`Failed to fetch: \${String(error)}\`);
    }
  }
}

export class UploadsApi {
  constructor(private readonly client: RequestSender, private readonly domain: string) {}

  async status(id: string) {
    return this.client.request(\`\${this.domain}/uploads/\${id}\`, { method: 'GET', timeout: 6_000 });
  }

  async push(body: FormData) {
    return this.client.request(\`\${this.domain}/pushes\`, { method: 'POST', body });
  }
}
`);
}

const timeouts = (file: string) => lintWithPreset(file).filter((message) => message.ruleId === 'resilint/require-timeout');

describe('a fetch helper bounded only by the timeout its caller passes, two layers down', () => {
  it('reports the upload that passes none, where its timeout goes, and not the call that passes one', () => {
    const api = cli('unset-on-some-paths', `if (proxy) {
    dispatcher = new ProxyAgent({ uri: proxy, ...connect });
  } else if (timeout) {
    dispatcher = new Agent(connect);
  }`);
    const reported = timeouts(api);
    expect(reported.map((message) => message.line)).toEqual([29]);
    expect(reported[0]!.message).toContain('pass `timeout` or `signal` in its options');
  });

  it('leaves the callers alone when every path gives the request a dispatcher of its own', () => {
    const api = cli('set-on-every-path', `if (proxy) {
    dispatcher = new ProxyAgent({ uri: proxy, headersTimeout: 30_000, bodyTimeout: 30_000 });
  } else {
    dispatcher = new Agent({ headersTimeout: 30_000, bodyTimeout: 30_000 });
  }`);
    expect(timeouts(api)).toEqual([]);
  });
});

// A generated client's runtime: its config and per-call options types live in another module (the config generic),
// the per-call options are destructured, and each attempt's signal is a timeout only when one is configured.
function runtime(name: string, timeoutDefault: string): string {
  project.write(`${name}/package.json`, JSON.stringify({ name: 'api-client', version: '1.0.0', type: 'module', main: 'dist/index.js' }));
  project.write(`${name}/tsconfig.json`, JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true } }));
  project.write(`${name}/src/types.ts`, `
export type Operation = { id: string };
export type ClientConfig<Op extends Operation = Operation> = { baseUrl: string; fetch?: typeof fetch; timeout?: number; onRequest?: (op: Op) => void };
export type CallOptions = RequestInit & { timeout?: number; retries?: number };
`);
  return project.write(`${name}/src/send.ts`, `
import type { CallOptions, ClientConfig } from './types.js';

export async function send(config: ClientConfig, path: string, options: CallOptions): Promise<Response> {
  const { timeout: callTimeout, retries = 0, ...init } = options;
  const timeout = callTimeout ?? ${timeoutDefault};
  const doFetch = config.fetch ?? fetch;
  const callerSignal = init.signal ?? undefined;
  for (let attempt = 0; ; attempt++) {
    const signal = timeout ? (callerSignal ? AbortSignal.any([callerSignal, AbortSignal.timeout(timeout)]) : AbortSignal.timeout(timeout)) : callerSignal;
    try {
      return await doFetch(config.baseUrl + path, { ...init, signal });
    } catch (error) {
      if (attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 500));
    }
  }
}
`);
}

describe('a client runtime whose timeout is optional in option types of another module', () => {
  it('reports the send whose signal is missing when neither the config nor the call sets a timeout', () => {
    const reported = timeouts(runtime('no-default', 'config.timeout'));
    expect(reported.map((message) => message.line)).toEqual([12]);
    expect(reported[0]!.message).toContain('may be undefined');
  });

  it('leaves it alone when the runtime gives the timeout a default', () => {
    expect(timeouts(runtime('default', 'config.timeout ?? 30_000'))).toEqual([]);
  });
});
