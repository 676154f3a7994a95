// Black-box test of the built package, in a Node process of its own: the README's promise that no timer outlives its
// call, as a user sees it (nothing keeps the process alive or holds on to the call's work once the call has settled,
// and a settled call never times out).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('resources (built package, real timers)', () => {
  it('leaves no timer behind: a settled call never times out, nothing holds its work, and the process exits by itself', () => {
    const packageUrl = new URL('../../dist/index.js', import.meta.url).href;
    // Calls one after another and many at once, succeeding and failing, through a timeout alone, a pipeline and a
    // hedge, each with work of its own. Their timers are 20 ms and 60 s long: a 20 ms one left armed would fire
    // during the wait below, and a 60 s one left armed would hold its call's work (and, ref'd, keep the process alive
    // past spawnSync's limit).
    const script = `
      import { circuitBreaker, hedge, pipeline, retry, timeout } from ${JSON.stringify(packageUrl)};
      const failure = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      let made = 0;
      let collected = 0;
      const registry = new FinalizationRegistry(() => collected++);
      const work = (call) => {
        const kinds = [() => 'ok', () => Promise.resolve('ok'), () => Promise.reject(failure)];
        const fresh = kinds[call % 3].bind(null);
        registry.register(fresh, undefined);
        made++;
        return fresh;
      };
      let timeouts = 0;
      const policies = [];
      for (const ms of [20, 60_000]) {
        const alone = timeout(ms);
        const inPipeline = timeout(ms);
        alone.onTimeout(() => timeouts++);
        inPipeline.onTimeout(() => timeouts++);
        policies.push(alone, pipeline(inPipeline, retry({ maxAttempts: 1 }), circuitBreaker({ failureThreshold: 1e9 })));
        policies.push(hedge({ delayMs: ms }));
      }
      for (const policy of policies) {
        for (let call = 0; call < 300; call++) await policy.execute(work(call)).catch(() => {});
        await Promise.all(Array.from({ length: 300 }, (_, call) => policy.execute(work(call)).catch(() => {})));
      }
      const timersLeft = process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (let round = 0; round < 50 && collected < made; round++) {
        globalThis.gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      console.log(JSON.stringify({ timersLeft, timeouts, workHeld: made - collected }));
    `;
    const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect({ stdout: run.stdout.trim(), stderr: run.stderr, status: run.status }).toEqual({
      stdout: JSON.stringify({ timersLeft: 0, timeouts: 0, workHeld: 0 }),
      stderr: '',
      status: 0,
    });
  }, 40_000);
});
