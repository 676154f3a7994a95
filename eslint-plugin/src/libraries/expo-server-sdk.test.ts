import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import { loadModule, silentServer } from '../../../test/silent-server.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// On-call alerts pushed to phones through Expo: the client sends each chunk with no timeout and takes no signal, so
// the only bound is to stop waiting. The service keeps the client in a static field and sends from static methods,
// where `this` is the class.
const ruleTester = new RuleTester();

const service = (send: string) => `import { Expo, type ExpoPushMessage } from 'expo-server-sdk';
export default class PushService {
  private static expo: Expo = new Expo({ accessToken: process.env.EXPO_TOKEN });
  public static async alert(message: ExpoPushMessage) {
    return ${send};
  }
}`;

ruleTester.run('require-timeout: expo-server-sdk', requireTimeout, {
  valid: [
    service("timeout(10_000).execute(() => this.expo.sendPushNotificationsAsync([message]))").replace("import {", "import { timeout } from '@resilint/runtime';\nimport {"),
    // splitting messages into chunks sends nothing
    service('this.expo.chunkPushNotifications([message])'),
  ],
  invalid: [
    {
      code: service('this.expo.sendPushNotificationsAsync([message])'),
      errors: [{ messageId: 'missingTimeout', line: 5, data: { call: 'Expo.sendPushNotificationsAsync', remedy: "stop waiting for it with the runtime's `timeout(ms)`: the Expo client sends with no timeout, and neither its constructor nor its calls take one or a signal" }, suggestions: 2 }],
    },
    {
      code: `import { Expo } from 'expo-server-sdk';
const expo = new Expo();
export const receipts = (ids: string[]) => expo.getPushNotificationReceiptsAsync(ids);`,
      errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 2 }],
    },
  ],
});

// The same service in a project that has not installed @resilint/runtime: the fix that needs nothing comes first. It
// must compile against expo-server-sdk's own types, and, with Expo's push service not answering, stop the waiting
// after its bound while the request goes on.
describe('the fix of an Expo send in a project without the runtime', () => {
  it('races the send against a timer it clears, compiles, and gives up waiting after 5 s', { timeout: 30_000 }, async () => {
    const project = mkdtempSync(join(tmpdir(), 'resilint-expo-'));
    afterAll(() => rmSync(project, { recursive: true, force: true }));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ private: true, dependencies: { 'expo-server-sdk': '3.15.0' } }));
    const filename = join(project, 'push-service.ts');
    const code = service('this.expo.sendPushNotificationsAsync([message])');
    const [finding] = lint(code, filename).findings;
    expect(finding?.suggestions.map((suggestion) => suggestion.title)).toEqual([
      'Stop waiting for Expo.sendPushNotificationsAsync after `5_000` ms with a race against a timer, written in this file (it needs no package): it takes no signal, so the request goes on and may still complete.',
      "Stop waiting for Expo.sendPushNotificationsAsync after 5 s with the runtime's `timeout(5_000)`: it takes no signal, so the request goes on and may still complete.",
    ]);
    const fixed = applyFix(code, finding!.suggestions[0]!);
    expect(fixed).not.toContain('@resilint/runtime');
    expect(lint(fixed, filename).findings).toEqual([]);
    expect(typeErrors([fixed])).toEqual([[]]);

    const expo = await silentServer();
    process.env['EXPO_BASE_URL'] = expo.url;
    try {
      const { default: PushService } = loadModule<{ default: { alert(message: object): Promise<unknown> } }>(fixed);
      const started = Date.now();
      await expect(PushService.alert({ to: 'ExponentPushToken[abc]', body: 'disk full' })).rejects.toThrow('Stopped waiting after 5000 ms');
      expect(Date.now() - started).toBeGreaterThanOrEqual(4_900);
      expect(expo.received()).toBe(1);
    } finally {
      delete process.env['EXPO_BASE_URL'];
      await expo.close();
    }
  });
});
