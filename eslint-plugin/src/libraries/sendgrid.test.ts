import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// SendGrid sends through axios with no timeout and its calls take no signal: only the service's setTimeout bounds
// them, so the fix belongs where the service is set up.
const ruleTester = new RuleTester();

const provider = (setUp: string) => `import { MailService } from '@sendgrid/mail';
export class Mailer {
  private readonly mail: MailService;
  constructor(apiKey: string) {
    this.mail = new MailService();
    ${setUp}
  }
  deliver(message: { to: string; from: string; subject: string; text: string }) {
    return this.mail.send(message);
  }
}`;

/** A service reading marketing lists through the REST client it sets up in its constructor. */
const lists = (setUp: string) => `import sgClient from '@sendgrid/client';
export class ListsService {
  constructor() {
    ${setUp}
  }
  lists() {
    return sgClient.request({ url: '/v3/marketing/lists', method: 'GET' });
  }
}`;

/** A notifications provider keeping the shared mail service in a field, after giving it its key. */
const heldShared = (more: string) => `import sgMail from '@sendgrid/mail';
export class MailProvider {
  private service: typeof sgMail;
  constructor(key: string) {
    sgMail.setApiKey(key);${more}
    this.service = sgMail;
  }
  async deliver(message: { to: string; from: string; subject: string; html: string }) {
    const [answer] = await this.service.send(message);
    return answer.statusCode;
  }
}`;

/** The same provider making a service of its own in its constructor, set up under a local name, then kept. */
const ownHeld = (more: string) => `export class MailProvider {
  private service: any;
  constructor(key: string) {
    const { MailService } = require('@sendgrid/mail');
    const service = new MailService();
    service.setApiKey(key);${more}
    this.service = service;
  }
  async deliver(message: { to: string; from: string; subject: string; html: string }) {
    const [answer] = await this.service.send(message);
    return answer.statusCode;
  }
}`;

ruleTester.run('require-timeout (SendGrid)', requireTimeout, {
  valid: [
    provider('this.mail.setApiKey(apiKey);\n    this.mail.setTimeout(10_000);'),
    // the shared service set up in another module, where its timeout may be set
    `import sgMail from '@sendgrid/mail';
export const notify = (to: string) => sgMail.send({ to, from: 'ops@example.test', subject: 'Alert', text: 'Disk full' });`,
    // the REST client given a default timeout
    `import client from '@sendgrid/client';
client.setApiKey(process.env.SENDGRID_KEY!);
client.setDefaultRequest('timeout', 10_000);
export const stats = () => client.request({ method: 'GET', url: '/v3/stats' });`,
  ],
  invalid: [
    // the REST client has no `setTimeout` (the mail service's): its default request is given the timeout
    {
      code: lists("sgClient.setApiKey(process.env.SENDGRID_KEY ?? '');"),
      errors: [{
        messageId: 'missingTimeout',
        line: 7,
        suggestions: [{ messageId: 'fixClientTimeout', output: lists("sgClient.setApiKey(process.env.SENDGRID_KEY ?? '');\n    sgClient.setDefaultRequest('timeout', 10_000);") }],
      }],
    },
    {
      // an optional dependency loaded into a loosely typed field: `require(...).default` is the same shared service
      code: `export class Mailer {
  private client?: any;
  init(apiKey: string) {
    try {
      this.client = require('@sendgrid/mail').default;
    } catch {
      return;
    }
    this.client.setApiKey(apiKey);
  }
  async send(to: string, text: string) {
    await this.client.send({ to, from: 'noreply@example.com', subject: 'Hello', text });
  }
}`,
      errors: [{ messageId: 'missingTimeout', line: 12, suggestions: [{ messageId: 'fixClientTimeout', output: `export class Mailer {
  private client?: any;
  init(apiKey: string) {
    try {
      this.client = require('@sendgrid/mail').default;
    } catch {
      return;
    }
    this.client.setApiKey(apiKey);
    this.client.setTimeout(10_000);
  }
  async send(to: string, text: string) {
    await this.client.send({ to, from: 'noreply@example.com', subject: 'Hello', text });
  }
}` }] }],
    },
    {
      code: provider('this.mail.setApiKey(apiKey);'),
      errors: [{
        messageId: 'missingTimeout',
        line: 9,
        suggestions: [
          { messageId: 'fixClientTimeout', output: provider('this.mail.setApiKey(apiKey);\n    this.mail.setTimeout(10_000);') },
        ],
      }],
    },
    {
      // the shared service set up here without a timeout
      code: `import sgMail from '@sendgrid/mail';
sgMail.setApiKey(process.env.SENDGRID_KEY!);
export const notify = (to: string) => sgMail.send({ to, from: 'ops@example.test', subject: 'Alert', text: 'Disk full' });`,
      errors: [{
        messageId: 'missingTimeout',
        line: 3,
        suggestions: [{ messageId: 'fixClientTimeout', output: `import sgMail from '@sendgrid/mail';
sgMail.setApiKey(process.env.SENDGRID_KEY!);
sgMail.setTimeout(10_000);
export const notify = (to: string) => sgMail.send({ to, from: 'ops@example.test', subject: 'Alert', text: 'Disk full' });` }],
      }],
    },
    {
      // the shared service set up under its import's name, then kept in a field the sends go through: the timeout is
      // given where it is set up
      code: heldShared(''),
      errors: [{
        messageId: 'missingTimeout',
        line: 9,
        suggestions: [{ messageId: 'fixClientTimeout', output: heldShared('\n    sgMail.setTimeout(10_000);') }],
      }],
    },
    {
      code: ownHeld(''),
      errors: [{
        messageId: 'missingTimeout',
        line: 10,
        suggestions: [{ messageId: 'fixClientTimeout', output: ownHeld('\n    service.setTimeout(10_000);') }],
      }],
    },
  ],
});
