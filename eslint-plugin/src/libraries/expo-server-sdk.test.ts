import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
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
      errors: [{ messageId: 'missingTimeout', line: 5, data: { call: 'Expo.sendPushNotificationsAsync', remedy: "stop waiting for it with the runtime's `timeout(ms)`: the Expo client sends with no timeout, and neither its constructor nor its calls take one or a signal" }, suggestions: 1 }],
    },
    {
      code: `import { Expo } from 'expo-server-sdk';
const expo = new Expo();
export const receipts = (ids: string[]) => expo.getPushNotificationReceiptsAsync(ids);`,
      errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 1 }],
    },
  ],
});
