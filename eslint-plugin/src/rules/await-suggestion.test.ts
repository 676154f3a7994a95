import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

/**
 * A call left floating in an async function whose caller receives its promise (a route handler, a job step) lacks
 * only its `await` when it was left so by mistake: the file awaits the same function elsewhere, it sits in a try whose
 * catch was meant to see its failure, the handler answers its request after it, or it is the function's last work.
 * Awaited, its failure reaches the caller like the other calls. That is the first fix offered. Where awaiting would
 * not hand the failure to anyone (a timer's callback, a function that is not async), or the call is put in the
 * background with work after it (a refresh started before answering from the cache), it is not offered.
 */

function suggestionsFor(code: string): { ids: string[]; awaited?: string } {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    ...(plugin.configs.recommended as unknown as Linter.Config[]),
    { rules: { 'resilint/no-unprotected-call': 'error', 'resilint/require-timeout': 'off' } },
  ];
  const [message] = linter.verify(code, config, 'src/server/tags.ts').filter((m) => m.ruleId === 'resilint/no-unprotected-call');
  const suggestions = message?.suggestions ?? [];
  const first = suggestions[0];
  const awaited = first?.messageId === 'fixAwait' ? code.slice(0, first.fix.range[0]) + first.fix.text + code.slice(first.fix.range[1]) : undefined;
  return { ids: suggestions.map((s) => s.messageId ?? ''), ...(awaited === undefined ? {} : { awaited }) };
}

const handler = (statement: string) => `import Redis from 'ioredis';
const cache = new Redis(process.env.REDIS_URL!, { commandTimeout: 2_000 });
export async function renameTag(id: string, name: string, db: { update(id: string, name: string): Promise<void> }) {
  await db.update(id, name);
  ${statement}
  return { id, name };
}
export async function dropTag(id: string, db: { remove(id: string): Promise<void> }) {
  await db.remove(id);
  await cache.del('tags:' + id);
}
`;

describe('no-unprotected-call: the missing await', () => {
  it('is offered first for a floating call in an async function whose caller gets its promise', () => {
    const { ids, awaited } = suggestionsFor(handler("cache.del('tags:' + id);"));
    expect(ids[0]).toBe('fixAwait');
    expect(ids).toContain('fixAddCatch');
    expect(awaited).toBe(handler("await cache.del('tags:' + id);"));
  });

  it('is offered for a call inside a try whose catch handles the failure', () => {
    const code = handler("try { cache.del('tags:' + id); } catch (error) { console.warn('cache not cleared', error); }");
    expect(suggestionsFor(code).awaited).toBe(handler("try { await cache.del('tags:' + id); } catch (error) { console.warn('cache not cleared', error); }"));
  });

  it('is not offered where awaiting hands the failure to nobody, or cannot be written', () => {
    // a timer's async callback: awaited there, the failure still escapes
    expect(suggestionsFor(handler("setTimeout(async () => { cache.del('tags:' + id); }, 0);")).ids).not.toContain('fixAwait');
    // a function that is not async
    const plain = `import Redis from 'ioredis';
const cache = new Redis(process.env.REDIS_URL!, { commandTimeout: 2_000 });
export function forget(id: string) {
  cache.del('tags:' + id);
}
`;
    const { ids } = suggestionsFor(plain);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain('fixAwait');
    // never awaited in the file: left to run in the background on purpose
    const background = `import Redis from 'ioredis';
const cache = new Redis(process.env.REDIS_URL!, { commandTimeout: 2_000 });
declare function recount(id: string): Promise<number>;
async function refreshInBackground(id: string) { await cache.set('count:' + id, String(await recount(id))); }
export async function count(id: string) {
  const cached = await cache.get('count:' + id);
  if (cached) { refreshInBackground(id); return Number(cached); }
  return recount(id);
}
`;
    const backgroundIds = suggestionsFor(background).ids;
    expect(backgroundIds.length).toBeGreaterThan(0);
    expect(backgroundIds).not.toContain('fixAwait');
    // `void` says the author chose not to wait
    expect(suggestionsFor(handler("void cache.del('tags:' + id);")).ids).not.toContain('fixAwait');
  });

  it('is offered first where the call was left unawaited by mistake, though the file awaits it nowhere', () => {
    const store = `import Redis from 'ioredis';
const cache = new Redis(process.env.REDIS_URL!, { commandTimeout: 2_000 });
declare function recordAudit(id: string): Promise<void>;
`;
    // all a try holds, whose catch was meant to see its failure
    const inTry = (body: string) => `${store}export async function archive(id: string) {
  await recordAudit(id);
  try {
    ${body}
  } catch (error) {
    console.error('archive failed', error);
  }
  await recordAudit(id);
}
`;
    expect(suggestionsFor(inTry("cache.del('board:' + id);")).awaited).toBe(inTry("await cache.del('board:' + id);"));
    // a handler answering 200 after it: a failed write would be reported as done
    const answers = (body: string) => `${store}export async function pin(req: { params: { id: string } }, res: { status(code: number): { json(body: unknown): void } }) {
  ${body}
  res.status(200).json({ pinned: req.params.id });
}
`;
    expect(suggestionsFor(answers("cache.sadd('pinned', req.params.id);")).awaited).toBe(answers("await cache.sadd('pinned', req.params.id);"));
    // a job's last work: the job runner sees the job done before its work is
    const job = (body: string) => `${store}export const refreshSeats = async () => {
  const team = await cache.get('team');
  if (team) {
    ${body}
  }
};
`;
    expect(suggestionsFor(job("cache.set('seats:' + team, '0');")).awaited).toBe(job("await cache.set('seats:' + team, '0');"));
  });

  it('is not offered for a call put in the background with work after it', () => {
    // a log write in a try around the work: awaited, its failure would become the work's
    const logged = `import Redis from 'ioredis';
const cache = new Redis(process.env.REDIS_URL!, { commandTimeout: 2_000 });
declare function deliver(id: string): Promise<number>;
export async function send(id: string) {
  try {
    const status = await deliver(id);
    cache.lpush('deliveries', id + ':' + status);
    await deliver('receipt:' + id);
  } catch (error) {
    console.error('delivery failed', error);
  }
  return id;
}
`;
    expect(suggestionsFor(logged).ids).not.toContain('fixAwait');
    const warm = `import Redis from 'ioredis';
const cache = new Redis(process.env.REDIS_URL!, { commandTimeout: 2_000 });
declare function render(id: string): Promise<string>;
export async function page(id: string) {
  cache.expire('page:' + id, 60);
  return render(id);
}
`;
    const ids = suggestionsFor(warm).ids;
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain('fixAwait');
  });
});
