import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// An SDK in three layers (the thirty-eighth round's todoist miss, in our own words): resource clients name the method
// (`send({ verb: 'POST', ... })`), a request helper in another module takes it out of its arguments and builds the
// init, and a transport in a third module retries whatever init it is handed after a network failure. The POST that
// creates a note goes again after a reset connection; nothing on its way names an idempotency key. The gap is the
// transport's: one edit there (a key made before the attempts, or no retry of a POST) fixes every client.
const transport = (extraHeader = '') => `
export interface Attempts { tries: number; pauseMs: number }

export async function sendWithRetries(args: { url: string; init?: RequestInit & { timeoutMs?: number }; attempts?: Attempts }) {
  const { url, init = {}, attempts = { tries: 3, pauseMs: 300 } } = args;
  const { timeoutMs = 30_000, ...rest } = init;
  let failure: unknown;
  for (let attempt = 0; attempt < attempts.tries; attempt++) {
    try {
      const sent = { ...rest, signal: AbortSignal.timeout(timeoutMs) };${extraHeader}
      const response = await fetch(url, sent);
      if (!response.ok) throw new Error('notes api answered ' + response.status);
      return await response.json();
    } catch (error) {
      failure = error;
      if (!(error instanceof TypeError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempts.pauseMs * 2 ** attempt));
    }
  }
  throw failure;
}
`;

const helper = `
import { sendWithRetries } from '../transport/send-with-retries';

type Verb = 'GET' | 'POST' | 'DELETE';

export function send(args: { verb: Verb; path: string; token: string; payload?: unknown }) {
  const { verb, path, token, payload } = args;
  const init = {
    method: verb,
    headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
    body: payload === undefined ? undefined : JSON.stringify(payload),
    timeoutMs: 20_000,
  };
  return sendWithRetries({ url: 'https://notes.example.test/api' + path, init });
}
`;

const client = (verb: string) => `
import { send } from '../http/send';

export class NotesClient {
  constructor(private readonly token: string) {}

  list() {
    return send({ verb: 'GET', path: '/notes', token: this.token });
  }

  create(text: string) {
    return send({ verb: '${verb}', path: '/notes', token: this.token, payload: { text } });
  }
}
`;

function sdk(name: string, { verb = 'POST', extraHeader = '' } = {}) {
  const project = scratchProject(name);
  project.write('sdk/package.json', JSON.stringify({ name: `${name}-sdk`, version: '1.0.0', type: 'module' }));
  const layer = project.write('sdk/src/transport/send-with-retries.ts', transport(extraHeader));
  project.write('sdk/src/http/send.ts', helper);
  project.write('sdk/src/clients/notes.ts', client(verb));
  return layer;
}

const posted = sdk('far-post');
const onlyDeletes = sdk('far-delete', { verb: 'DELETE' });
const keyed = sdk('far-keyed', { extraHeader: "\n      sent.headers = { ...sent.headers, 'Idempotency-Key': args.url };" });

const retriedPosts = (file: string) => lintWithPreset(file).filter((message) => message.ruleId === 'resilint/no-retry-non-idempotent');

describe('a retrying transport whose POSTs are named two modules away', () => {
  it('reports the transport’s request, where one fix covers every client', () => {
    const [finding, ...more] = retriedPosts(posted);
    expect(more).toEqual([]);
    expect(finding?.line).toBe(11);
    expect(finding?.message).toMatch(/POST/);
    expect(finding?.suggestions?.length).toBeGreaterThan(0);
  });

  it('stays silent when the clients send only idempotent methods', () => {
    expect(retriedPosts(onlyDeletes)).toEqual([]);
  });

  it('stays silent when the way names an idempotency key', () => {
    expect(retriedPosts(keyed)).toEqual([]);
  });
});
