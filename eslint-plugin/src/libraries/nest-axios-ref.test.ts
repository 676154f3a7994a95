import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// `HttpService.axiosRef` is the axios instance the Nest module made with its registration's options, used where a
// service wants a promise instead of an Observable: judged by that registration, as the service's own calls are.
const plainModule = fileURLToPath(new URL('../../../fixtures/workspaces/nest-plain-http/src/weather.service.ts', import.meta.url));
const registeredWithTimeout = fileURLToPath(new URL('../../../fixtures/workspaces/nest-bounded-http/src/releases.service.ts', import.meta.url));
const noRegistrationFound = fileURLToPath(new URL('../../../fixtures/workspaces/nest-service/src/http/releases.service.ts', import.meta.url));

const service = (call: string) => `import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
@Injectable()
export class ReleasesService {
  constructor(private readonly http: HttpService) {}
  async latest(project: string) {
    const reply = await ${call};
    return reply.data as { tag_name: string };
  }
}`;

const latest = 'this.http.axiosRef.get(`https://forge.example/api/projects/${project}/releases/latest`)';

const token = "this.http.axiosRef({ url: 'https://pay.example/v1/oauth2/token', method: 'post', data: 'grant_type=client_credentials' })";

const ruleTester = new RuleTester();

// A service calling a gateway in another module whose `HttpService.axiosRef` request takes the caller's config: the
// caller gives the bound or nothing does (the module registers HttpModule with none). A held-out payment back end's
// gateways, whose callers never passed one, were missed when the gateway's own file was not consulted for it.
const checkout = fileURLToPath(new URL('../../../fixtures/workspaces/nest-plain-http/src/checkout.service.ts', import.meta.url));
const gatewayCaller = (call: string) => `import { Injectable } from '@nestjs/common';
import { PaymentsGateway } from './payments-gateway';
@Injectable()
export class CheckoutService {
  constructor(private readonly gateway: PaymentsGateway) {}
  paid(reference: string) {
    return ${call};
  }
}`;

ruleTester.run('require-timeout (HttpService.axiosRef)', requireTimeout, {
  valid: [
    // the module registers HttpModule with a timeout, which axiosRef was made with
    { filename: registeredWithTimeout, code: service(latest) },
    // the call sets its own bound
    { filename: plainModule, code: service('this.http.axiosRef.get(`https://forge.example/api/projects/${project}/releases/latest`, { timeout: 4_000 })') },
    { filename: plainModule, code: service('this.http.axiosRef.post(`https://forge.example/api/projects/${project}/builds`, {}, { signal: AbortSignal.timeout(4_000) })') },
    // no registration found in the package: how the module set the instance up is not known
    { filename: noRegistrationFound, code: service(latest) },
    // the instance's own configuration is not a request
    { filename: plainModule, code: service('Promise.resolve({ data: this.http.axiosRef.defaults.baseURL })') },
    // the caller hands the gateway a bound
    { filename: checkout, code: gatewayCaller('this.gateway.status(reference, { timeout: 4_000 })') },
    { filename: checkout, code: gatewayCaller('this.gateway.refund(reference, { timeout: 4_000 })') },
  ],
  invalid: [
    // the instance called itself with one config (a payment provider's token request)
    {
      filename: plainModule,
      code: service(token),
      errors: [{ messageId: 'missingTimeout', line: 7, data: { call: 'HttpService.axiosRef', remedy: 'set `timeout` on the call or in `HttpModule.register({ timeout })`, or pass `signal`' }, suggestions: 3 }],
    },
    {
      filename: plainModule,
      code: service(latest),
      errors: [{ messageId: 'missingTimeout', line: 7, data: { call: 'HttpService.axiosRef.get', remedy: 'set `timeout` on the call or in `HttpModule.register({ timeout })`, or pass `signal`' }, suggestions: 4 }],
    },
    {
      filename: plainModule,
      code: service('this.http.axiosRef.post(`https://forge.example/api/projects/${project}/builds`, { ref: "main" })'),
      errors: [{ messageId: 'missingTimeout', line: 7, data: { call: 'HttpService.axiosRef.post', remedy: 'set `timeout` on the call or in `HttpModule.register({ timeout })`, or pass `signal`' }, suggestions: 3 }],
    },
    {
      filename: checkout,
      code: gatewayCaller('this.gateway.status(reference)'),
      errors: [{ messageId: 'missingTimeout', line: 7, data: { call: 'this.gateway.status', remedy: 'set `timeout` on the call or in `HttpModule.register({ timeout })`, or pass `signal`' }, suggestions: 4 }],
    },
    // the gateway hands on a copy of the caller's config, headers added, made by a method of its own
    {
      filename: checkout,
      code: gatewayCaller('this.gateway.refund(reference)'),
      errors: [{ messageId: 'missingTimeout', line: 7, data: { call: 'this.gateway.refund', remedy: 'set `timeout` on the call or in `HttpModule.register({ timeout })`, or pass `signal`' }, suggestions: 3 }],
    },
  ],
});

describe('the axiosRef fix', () => {
  it('passes `timeout` in the call\'s axios config, which compiles against @nestjs/axios', { timeout: 60_000 }, () => {
    const source = service(latest);
    const [finding] = lint(source, plainModule).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    expect(fixed).toBe(service('this.http.axiosRef.get(`https://forge.example/api/projects/${project}/releases/latest`, { timeout: 5_000 })'));
    expect(typeErrors([source, fixed])).toEqual([[], []]);
  });

  it('puts `timeout` in the config of the instance called itself, which compiles too', { timeout: 60_000 }, () => {
    const source = service(token);
    const [finding] = lint(source, plainModule).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    expect(fixed).toBe(service(token.replace("data: 'grant_type=client_credentials' }", "data: 'grant_type=client_credentials', timeout: 5_000 }")));
    expect(typeErrors([source, fixed])).toEqual([[], []]);
  });
});
