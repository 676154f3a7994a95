import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// An order service mailing receipts through Mailjet's v3.1 send API: node-mailjet 6 gives axios the client's
// `options.timeout` and nothing else, so a client connected without one waits on a stalled request forever.
const receipts = (connect: string) => `import Mailjet from 'node-mailjet';
const mailer = ${connect};
export async function mailReceipt(email: string, orderId: string) {
  await mailer.post('send', { version: 'v3.1' }).request({
    Messages: [{ To: [{ Email: email }], TemplateID: 4_812_001, Variables: { orderId } }],
  });
}
`;
const keys = 'process.env.MAILJET_KEY!, process.env.MAILJET_SECRET!';

ruleTester.run('require-timeout (node-mailjet)', requireTimeout, {
  valid: [
    receipts(`Mailjet.apiConnect(${keys}, { options: { timeout: 8_000 } })`),
    receipts(`new Mailjet({ apiKey: 'k', apiSecret: 's', options: { timeout: 8_000, proxy: { host: 'egress', port: 3128 } } })`),
    // options kept elsewhere may carry the timeout
    receipts(`Mailjet.apiConnect(${keys}, { options: mailOptions })`).replace('export async', 'declare const mailOptions: { timeout: number };\nexport async'),
    receipts(`Mailjet.apiConnect(${keys}, connectParams)`).replace('export async', 'declare const connectParams: never;\nexport async'),
  ],
  invalid: [
    {
      code: receipts(`Mailjet.apiConnect(${keys})`),
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: receipts(`Mailjet.apiConnect(${keys}, { options: { timeout: 10_000 } })`) }] }],
    },
    {
      // the timeout goes inside the options already written, beside the proxy
      code: receipts(`Mailjet.apiConnect(${keys}, { config: { version: 'v3.1' }, options: { proxy: { host: 'egress', port: 3128 } } })`),
      errors: [{
        messageId: 'missingClientTimeout',
        suggestions: [{ messageId: 'fixInstanceTimeout', output: receipts(`Mailjet.apiConnect(${keys}, { config: { version: 'v3.1' }, options: { proxy: { host: 'egress', port: 3128 }, timeout: 10_000 } })`) }],
      }],
    },
    {
      // a timeout of 0 is left out by the library: no bound
      code: receipts(`new Mailjet({ apiKey: 'k', apiSecret: 's', options: { timeout: 0 } })`),
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: receipts(`new Mailjet({ apiKey: 'k', apiSecret: 's', options: { timeout: 10_000 } })`) }] }],
    },
    {
      code: receipts(`new Mailjet({ apiKey: 'k', apiSecret: 's' })`),
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: receipts(`new Mailjet({ apiKey: 'k', apiSecret: 's', options: { timeout: 10_000 } })`) }] }],
    },
    {
      // an SMS client takes its params second; CommonJS and the `Client` export alike
      code: `const { Client } = require('node-mailjet');
const sms = Client.smsConnect(process.env.MAILJET_TOKEN);
exports.text = (to, body) => sms.post('sms-send', { version: 'v4' }).request({ From: 'Shop', To: to, Text: body });`,
      filename: 'sms.js',
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: `const { Client } = require('node-mailjet');
const sms = Client.smsConnect(process.env.MAILJET_TOKEN, { options: { timeout: 10_000 } });
exports.text = (to, body) => sms.post('sms-send', { version: 'v4' }).request({ From: 'Shop', To: to, Text: body });` }] }],
    },
  ],
});
