import { describe, expect, it } from 'vitest';
import { parseSettings } from './settings.js';

describe('settings.resilint', () => {
  it('fills in defaults and normalises wrappers given as names', () => {
    expect(parseSettings({ wrappers: ['safely'], clients: [{ module: '@acme/http', export: 'request' }] })).toEqual({
      clients: [{ module: '@acme/http', export: 'request', timeoutOptions: ['timeout'], signalOption: 'signal' }],
      wrappers: [{ member: 'safely' }],
      sleepHelpers: [],
      runtimeModule: '@resilint/runtime',
      files: { roles: {}, environments: {} },
    });
  });

  it('reads the files globs as given', () => {
    const files = { roles: { 'scripts/release/**': 'product' }, environments: { 'src/web/**': 'browser' } };
    expect(parseSettings({ files }).files).toEqual(files);
  });

  it.each([
    [[], 'Invalid settings.resilint: it must be an object'],
    [{ client: [] }, 'Invalid settings.resilint.client: it is not a known setting; use one of clients, wrappers, sleepHelpers, runtimeModule, files.'],
    [{ clients: {} }, 'Invalid settings.resilint.clients: it must be an array.'],
    [{ clients: [{ modul: 'x' }] }, 'Invalid settings.resilint.clients[0].modul: it is not a known key'],
    [{ clients: [{ module: 'x', member: 'y' }] }, 'Invalid settings.resilint.clients[0]: it must have either "module" or "member", not both.'],
    [{ clients: [{ member: 'api..client' }] }, 'Invalid settings.resilint.clients[0].member'],
    [{ clients: [{ module: 'x', signalOption: 'cancel' }] }, "Invalid settings.resilint.clients[0].signalOption: it must be 'signal' or 'abortSignal'."],
    [{ clients: [{ member: 'this.prisma', bounded: 'connection' }] }, "Invalid settings.resilint.clients[0].bounded: it must be 'call' (each call takes a timeout), 'client' (set where the client is created), 'pool' (no per-call timeout: bounded at the pool or connection) or 'always'."],
    [{ clients: [{ member: 'api', bounded: true }] }, 'Invalid settings.resilint.clients[0].bounded'],
    [{ clients: [{ member: 'api', httpMethod: 'FETCH' }] }, "Invalid settings.resilint.clients[0].httpMethod: it must be an HTTP method such as 'POST', or an object naming the method of each call such as { create: 'POST', list: 'GET' }."],
    [{ clients: [{ member: 'api', httpMethod: { create: 'MAKE' } }] }, 'Invalid settings.resilint.clients[0].httpMethod.create: it must be one of GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE.'],
    [{ clients: [{ member: 'api', httpMethod: ['POST'] }] }, 'Invalid settings.resilint.clients[0].httpMethod: it must be an HTTP method'],
    [{ wrappers: [3] }, 'Invalid settings.resilint.wrappers[0]: it must be an object'],
    [{ sleepHelpers: [''] }, 'Invalid settings.resilint.sleepHelpers[0]: it must be a non-empty string'],
    [{ runtimeModule: 5 }, 'Invalid settings.resilint.runtimeModule: it must be a module specifier'],
    [{ files: ['scripts/**'] }, 'Invalid settings.resilint.files: it must be an object such as { roles:'],
    [{ files: { role: {} } }, 'Invalid settings.resilint.files.role: it is not a known key; use roles and environments.'],
    [{ files: { roles: { 'scripts/**': 'script-ish' } } }, "Invalid settings.resilint.files.roles['scripts/**']: it must be one of product, test, example, template, docs, script, tooling, benchmark, generated, not \"script-ish\"."],
    [{ files: { environments: { 'src/**': 'node' } } }, "Invalid settings.resilint.files.environments['src/**']: it must be one of browser, server, cli, not \"node\"."],
    [{ files: { roles: { ' ': 'product' } } }, 'Invalid settings.resilint.files.roles: it has an empty glob'],
  ])('rejects %j naming the key to change', (input, message) => {
    expect(() => parseSettings(input)).toThrow(message);
  });

  it('keeps where a client is bounded and the HTTP method of its calls', () => {
    const { clients } = parseSettings({
      clients: [
        { member: 'this.prisma', bounded: 'pool' },
        { module: '@acme/payments', export: 'Payments', bounded: 'client', httpMethod: { charge: 'post', list: 'GET' } },
        { member: 'api', httpMethod: 'put' },
      ],
    });
    expect(clients).toEqual([
      { member: 'this.prisma', bounded: 'pool', timeoutOptions: ['timeout'], signalOption: 'signal' },
      { module: '@acme/payments', export: 'Payments', bounded: 'client', httpMethod: { charge: 'POST', list: 'GET' }, timeoutOptions: ['timeout'], signalOption: 'signal' },
      { member: 'api', httpMethod: 'PUT', timeoutOptions: ['timeout'], signalOption: 'signal' },
    ]);
  });
});
