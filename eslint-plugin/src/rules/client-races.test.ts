import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A race against a timer in an app's own client code (a React Native app racing a request to the instance it is
// signed in to): when the timer wins, what keeps running is the person's own request on their own device, so
// timeout-requires-cancellation leaves it alone unless checkOwnOrigin is on (strict). A service's race is reported.

const mobileApp = mkdtempSync(join(tmpdir(), 'resilint-expo-app-'));
writeFileSync(join(mobileApp, 'package.json'), JSON.stringify({ name: 'notes-mobile', main: 'expo-router/entry', dependencies: { expo: '^52', 'expo-router': '^4', 'react-native': '0.76.0' } }));
mkdirSync(join(mobileApp, 'stores'));
const service = mkdtempSync(join(tmpdir(), 'resilint-poller-'));
writeFileSync(join(service, 'package.json'), JSON.stringify({ name: 'poller', dependencies: { express: '^5' } }));
mkdirSync(join(service, 'src'));

const racedSettingsRequest = [
  "const giveUpAfter = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms));",
  'export async function loadServerSettings(instanceUrl: string) {',
  '  const response = await Promise.race([fetch(`${instanceUrl}/api/settings`), giveUpAfter(20_000)]);',
  '  return response.json();',
  '}',
].join('\n');
// A timer that aborts nothing is a bug wherever it runs.
const forgottenController = [
  'export async function loadServerSettings(instanceUrl: string) {',
  '  const controller = new AbortController();',
  '  setTimeout(() => controller.abort(), 20_000);',
  '  return (await fetch(`${instanceUrl}/api/settings`)).json();',
  '}',
].join('\n');

function lint(filename: string, code: string, strict = false): string[] {
  const linter = new Linter({ configType: 'flat', cwd: '/' });
  const config = strict ? plugin.configs.strict : plugin.configs.recommended;
  return linter.verify(code, config, { filename }).map((message) => `${message.line}:${message.ruleId}`);
}

describe('timeout-requires-cancellation in client code', () => {
  it("leaves a React Native app's race against a timer alone by default", () => {
    expect(lint(join(mobileApp, 'stores/settings.ts'), racedSettingsRequest)).toEqual([]);
  });

  it('reports it with checkOwnOrigin (strict)', () => {
    expect(lint(join(mobileApp, 'stores/settings.ts'), racedSettingsRequest, true)).toContain('3:resilint/timeout-requires-cancellation');
  });

  it("reports a service's race against a timer", () => {
    expect(lint(join(service, 'src/settings.ts'), racedSettingsRequest)).toContain('3:resilint/timeout-requires-cancellation');
  });

  it("still reports an app's timer that aborts a controller no call is given", () => {
    expect(lint(join(mobileApp, 'stores/settings.ts'), forgottenController)).toContain('2:resilint/timeout-requires-cancellation');
  });

  it('rejects an option the rule does not have, naming it', () => {
    const linter = new Linter({ configType: 'flat', cwd: '/' });
    const config = [...plugin.configs.recommended, { rules: { 'resilint/timeout-requires-cancellation': ['error', { checkOwnOrign: true }] } }];
    expect(() => linter.verify(racedSettingsRequest, config as never, { filename: join(service, 'src/settings.ts') })).toThrow(/checkOwnOrign/);
  });
});
