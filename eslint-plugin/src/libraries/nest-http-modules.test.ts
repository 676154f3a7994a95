import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';
import { readRegistrations } from './nest-http-modules.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

describe('how a NestJS module registers HttpModule', () => {
  it('reads a plain HttpModule kept in a list before it reaches `imports`', () => {
    expect(readRegistrations(`import { HttpModule } from '@nestjs/axios';\nconst MODULES = [SharedModule, HttpModule];\n@Module({ imports: MODULES })\nexport class M {}`)).toBe('unbounded');
  });
  it('does not take the import statement for a registration', () => {
    expect(readRegistrations(`import { HttpModule } from '@nestjs/axios';\n@Module({ imports: SHARED })\nexport class M {}`)).toBe('unknown');
  });
  it('still counts a registration with a timeout', () => {
    expect(readRegistrations(`const MODULES = [HttpModule.register({ timeout: 5_000 })];`)).toBe('bounded');
  });
});

// A module keeps its imports in a constant and registers HttpModule without a timeout; a helper function is handed
// the injected HttpService as a plain parameter.
const helper = fileURLToPath(new URL('../../../fixtures/workspaces/nest-module-list/src/telemetry/utils/report-usage.ts', import.meta.url));
// a package where no registration of HttpModule is found: how the service is bounded is not known
const unregistered = fileURLToPath(new URL('../../../fixtures/workspaces/nest-service/src/http/report-usage.ts', import.meta.url));

const ruleTester = new RuleTester();

ruleTester.run('require-timeout: an HttpService handed to a function', requireTimeout, {
  valid: [
    // the call sets its own timeout
    { filename: helper, code: `import { HttpService } from '@nestjs/axios'; import { firstValueFrom } from 'rxjs';
export const report = (http: HttpService, body: object) => firstValueFrom(http.post(process.env.USAGE_URL as string, body, { timeout: 5_000 }));` },
    { filename: unregistered, code: `import { HttpService } from '@nestjs/axios'; import { firstValueFrom } from 'rxjs';
export const report = (http: HttpService, body: object) => firstValueFrom(http.post(process.env.USAGE_URL as string, body));` },
  ],
  invalid: [
    {
      filename: helper,
      code: `import { HttpService } from '@nestjs/axios'; import { firstValueFrom } from 'rxjs';
export const report = (http: HttpService, body: object) => firstValueFrom(http.post(process.env.USAGE_URL as string, body));`,
      errors: [{ messageId: 'missingTimeout', line: 2, suggestions: 3 }],
    },
  ],
});

// NestJS scopes an HttpModule registration to the module importing it: the billing module's timeout bounds the
// billing module's services, not the sign-in service of a module that imports HttpModule with none.
const scoped = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/nest-scoped-http/src/${path}`, import.meta.url));
const profileLookup = `import { HttpService } from '@nestjs/axios'; import { firstValueFrom } from 'rxjs';
export async function lookUpProfile(http: HttpService, accessToken: string) {
  return (await firstValueFrom(http.get('https://auth.example.com/userinfo', { headers: { Authorization: accessToken } }))).data;
}`;
const serviceCall = (name: string): string => `import { Injectable } from '@nestjs/common'; import { HttpService } from '@nestjs/axios'; import { firstValueFrom } from 'rxjs';
@Injectable()
export class ${name} {
  constructor(private readonly http: HttpService) {}
  async fetch(id: string) { return (await firstValueFrom(this.http.get('/items/' + id))).data; }
}`;

ruleTester.run('require-timeout: an HttpService bounded by the module that provides its class', requireTimeout, {
  valid: [
    // the billing module's own service gets its HttpService, with the timeout
    { filename: scoped('billing/invoice.service.ts'), code: serviceCall('InvoiceService') },
  ],
  invalid: [
    // the sign-in module's service, and the function it hands its HttpService to, get the one with no timeout
    { filename: scoped('sign-in/sign-in.service.ts'), code: serviceCall('SignInService'), errors: [{ messageId: 'missingTimeout', line: 5, suggestions: 4 }] },
    { filename: scoped('sign-in/provider-profiles.ts'), code: profileLookup, errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 4 }] },
  ],
});
