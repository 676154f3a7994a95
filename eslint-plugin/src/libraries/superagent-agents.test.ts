import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A radio history source (the forty-second round's multi-scrobbler, in our own words): a superagent agent keeping
// cookies, set up in the constructor with a plugin that gives every request a keep-alive agent, then used for each
// call. The plugin bounds nothing, so the agent's requests are as unbounded as superagent's own.
const ruleTester = new RuleTester();

const source = (plugin: string) => `import request from 'superagent';
import { Agent } from 'node:http';
export class RadioHistory {
  private readonly agent;
  constructor() {
    const keepAlive = new Agent({ keepAlive: true });
    this.agent = request.agent().set('accept', 'application/json').use(${plugin});
  }
  async recent(user: string): Promise<unknown> {
    const response = await this.agent.post('https://radio.example.com/ajax').send({ user });
    return response.body;
  }
}
`;

ruleTester.run('require-timeout: a superagent agent set up with plugins', requireTimeout, {
  valid: [
    // a plugin that bounds each request
    source('(req) => req.agent(keepAlive).timeout(10_000)'),
    // a plugin from elsewhere may do the same
    source('withTimeouts'),
  ],
  invalid: [
    {
      code: source('(req) => req.agent(keepAlive)'),
      errors: [{
        messageId: 'missingTimeout',
        line: 10,
        suggestions: [{
          messageId: 'fixClientTimeout',
          output: source('(req) => req.agent(keepAlive)').replace(".post('https://radio.example.com/ajax')", ".post('https://radio.example.com/ajax').timeout(5_000)"),
        }],
      }],
    },
  ],
});
