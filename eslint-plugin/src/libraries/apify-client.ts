import { derive, instanceFrom, io, value, type LibraryModel } from './model.js';

/**
 * apify-client (`ApifyClient`): `client.actor(id).call(input, options)` and `client.task(id).call(input, options)` start
 * a run on the Apify platform and wait for it to finish, polling, with no limit unless given one;
 * `client.run(id).waitForFinish(options)` waits the same way. The client's own `timeoutSecs` (360 s by default) and
 * `maxRetries` bound and retry each HTTP request, not the wait for the run, so every other call is bounded.
 *
 * What bounds the wait: `waitSecs` (the most to wait; the run goes on, and the run returned may still be running), or
 * on `call()` the run's own `timeout` (seconds: the platform aborts the run then, so `call()` returns when it ends, and
 * the work stops with the wait). The fix gives `call()` the run's `timeout`, and `waitForFinish()`, whose run is already
 * going, `waitSecs`. A `call()` starts a run each time it is sent: retried, it starts another.
 */

const MODULE = 'apify-client';
/** The resources whose `call()` starts a run and waits for it. */
const RUNNABLE = new Set(['actor', 'task']);
const CALL = 'Apify run call';
const WAIT = 'Apify run waitForFinish';

/** Seconds from the milliseconds the fix is given as source text (`600_000`). */
function seconds(milliseconds: string): string {
  const value = Number(milliseconds.replace(/_/g, ''));
  return Number.isFinite(value) ? String(Math.max(1, Math.round(value / 1000))) : `Math.ceil((${milliseconds}) / 1000)`;
}

export const apifyClientLibrary: LibraryModel = {
  kind: 'apify-client',
  title: 'Apify (`apify-client`)',
  modules: [MODULE],
  typeNames: ['ApifyClient'],
  takesUrl: false,
  dependencyName: 'apify',
  signal: 'none',
  retries: '8 times per HTTP request (`maxRetries`); never the run',
  fromModule: (module, imported) => (module === MODULE && imported === 'ApifyClient' ? value('apify-client', 'class', 'ApifyClient') : undefined),
  member(v, name) {
    if (v.role !== 'client') {
      if (v.role === 'runnable' && name === 'call') return derive(v, 'run-call', name);
      return v.role === 'run' && name === 'waitForFinish' ? derive(v, 'run-wait', name) : undefined;
    }
    if (RUNNABLE.has(name)) return derive(v, 'runnable-factory', name);
    return name === 'run' ? derive(v, 'run-factory', name) : undefined;
  },
  call(v) {
    if (v.role === 'runnable-factory') return { result: derive(v, 'runnable') };
    if (v.role === 'run-factory') return { result: derive(v, 'run') };
    // starting a run is a POST: each call starts one more
    if (v.role === 'run-call') return io(CALL, 'POST', 1, undefined);
    return v.role === 'run-wait' ? io(WAIT, undefined, 0, undefined) : undefined;
  },
  // nothing the client is made with bounds the wait: its options are not read
  construct: (v, node) => (v.role === 'class' ? instanceFrom(v, 'client', node, []) : undefined),
  instanceOfType: (v) => (v.role === 'class' ? { ...v, role: 'client', options: [] } : undefined),
  timeout: {
    levels: ['call'],
    callOptions: ['waitSecs', 'timeout'],
    instanceOptions: [],
    chainMethods: [],
    remedy: 'give the run a `timeout` (seconds: the platform aborts it, and the call returns when it ends) or the wait a `waitSecs`: it waits for the run to finish with no limit, and the client\'s `timeoutSecs` bounds only each request',
    defaultBound: 'none (the wait for the run)',
  },
  fix: {
    optionsIndex: (call) => (call.label === WAIT ? 0 : 1),
    nativeTimeout: (call, milliseconds) => ({ key: call.label === WAIT ? 'waitSecs' : 'timeout', value: seconds(milliseconds) }),
    // a run takes minutes: a request's 5 s would fail every healthy one
    timeoutMs: () => '600_000',
  },
};
