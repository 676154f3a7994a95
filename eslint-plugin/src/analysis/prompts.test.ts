import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A loop that asks the person again is theirs to stop; a loop whose awaited call is a client's request of the same
// name (`confirm`, `select`, `prompt`) is a retry of that dependency.
function unboundedRetries(code: string, filename = 'src/checkout.ts'): number {
  const config = [...(plugin.configs.recommended as unknown as Linter.Config[])];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename })
    .filter((message) => message.ruleId === 'resilint/no-unbounded-retry').length;
}

// apify-cli's `init`: the prompt is a hook of the tool's own (fixtures/workspaces/actor-cli) wrapping @inquirer/input.
const actorInit = fileURLToPath(new URL('../../../fixtures/workspaces/actor-cli/src/commands/init.ts', import.meta.url));

describe('asking the user', () => {
  it('a re-prompt after an invalid answer is not a retry', () => {
    expect(unboundedRetries(`
import { confirm, input } from '@inquirer/prompts';
export async function chooseKey(): Promise<string> {
  while (true) {
    try {
      const key = await input({ message: 'API key:' });
      if (!key.startsWith('sk_')) throw new Error('not a secret key');
      return key;
    } catch (error) {
      if (!(await confirm({ message: 'Try again?' }))) throw error;
    }
  }
}`)).toBe(0);
  });

  it('a prompt reached through a module of the project that imports a prompt library is the person\'s, a request is not', () => {
    // askActorName re-asks; reserveActorName retries a registry request at once and forever
    expect(unboundedRetries(readFileSync(actorInit, 'utf8'), actorInit)).toBe(1);
  });

  it("a client's request named like a prompt is still a retry of that client", () => {
    expect(unboundedRetries(`
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!, { timeout: 10_000 });
export async function settle(id: string) {
  while (true) {
    try {
      return await stripe.paymentIntents.confirm(id);
    } catch (error) {
      console.warn('confirm failed, trying again', error);
    }
  }
}`)).toBe(1);
  });

  it('a database select named like a prompt is still a retry of the database', () => {
    expect(unboundedRetries(`
import knex from 'knex';
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, acquireConnectionTimeout: 5_000 });
export async function pending() {
  for (;;) {
    try {
      return await db('orders').where({ state: 'pending' }).select('id').timeout(2_000);
    } catch (error) {
      console.warn('query failed', error);
    }
  }
}`)).toBe(1);
  });
});
