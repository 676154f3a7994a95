import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// nice-grpc clients, made by a factory handed in (an SDK's wiring) or by `createClient`, whose unary calls set no
// deadline: grpc-js under them waits forever. The service definition comes from generated code in another file.
const ruleTester = new RuleTester();

const ledger = (create: string, call: string) => `import { Channel, ClientFactory } from 'nice-grpc';
import { LedgerDefinition, LedgerClient } from './generated/ledger';
export class LedgerGateway {
  private readonly ledger: LedgerClient;
  constructor(channel: Channel, factory: ClientFactory) {
    this.ledger = ${create};
  }
  async balanceOf(account: string) {
    const reply = await ${call};
    return reply.amount;
  }
  async *movements(account: string) {
    for await (const movement of this.ledger.movements({ account })) yield movement;
  }
  follow(account: string) {
    return this.ledger.watchBalance({ account });
  }
  sync(signal?: AbortSignal) {
    return this.ledger.reconcile(this.changes(), { signal });
  }
  private async *changes() {
    yield { account: 'a' };
  }
}`;

const made = (setup: string, call: string) => `import { createChannel, createClient, createClientFactory } from 'nice-grpc';
import { deadlineMiddleware } from 'nice-grpc-client-middleware-deadline';
import { LedgerDefinition } from './generated/ledger';
${setup}
export const balanceOf = async (account: string) => (await ${call}).amount;`;

ruleTester.run('require-timeout (nice-grpc)', requireTimeout, {
  valid: [
    // each call bounded by its own signal or deadline
    ledger('factory.create(LedgerDefinition, channel)', 'this.ledger.balance({ account }, { signal: AbortSignal.timeout(2_000) })'),
    made(`const ledger = createClientFactory().use(deadlineMiddleware).create(LedgerDefinition, createChannel('ledger:50051'));`, 'ledger.balance({ account }, { deadline: 2_000 })'),
    // a default deadline for every call of the client
    ledger(`factory.create(LedgerDefinition, channel, { '*': { deadline: 5_000 } })`, 'this.ledger.balance({ account })'),
    made(`const ledger = createClientFactory().use(deadlineMiddleware).create(LedgerDefinition, createChannel('ledger:50051'), { '*': { deadline: 5_000 } });`, 'ledger.balance({ account })'),
    // default options from elsewhere, or a middleware of the app's own that may set a deadline
    ledger('factory.create(LedgerDefinition, channel, defaults)', 'this.ledger.balance({ account })'),
    made(`declare const withDeadline: any;
const ledger = createClientFactory().use(withDeadline).create(LedgerDefinition, createChannel('ledger:50051'));`, 'ledger.balance({ account })'),
  ],
  invalid: [
    {
      code: ledger('factory.create(LedgerDefinition, channel)', 'this.ledger.balance({ account })'),
      // the signal in the call options first, then the runtime's policies
      errors: [{ messageId: 'missingTimeout', line: 9, suggestions: 4 }],
    },
    {
      // the deadline middleware on the factory sets none by itself; a default for one method bounds no other
      code: made(`const ledger = createClientFactory().use(deadlineMiddleware).create(LedgerDefinition, createChannel('ledger:50051'), { balance: {} });`, 'ledger.balance({ account }, {})'),
      errors: [{ messageId: 'missingTimeout', suggestions: 4 }],
    },
    {
      code: made(`const ledger = createClient(LedgerDefinition, createChannel('ledger:50051'));`, 'ledger.balance({ account })'),
      errors: [{ messageId: 'missingTimeout', suggestions: 4 }],
    },
  ],
});

describe('the nice-grpc fix', () => {
  it('gives the call a signal in its options', { timeout: 60_000 }, () => {
    const source = ledger('factory.create(LedgerDefinition, channel)', 'this.ledger.balance({ account })');
    const findings = lint(source, 'ledger-gateway.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(findings.map((found) => source.slice(0, found.offset).split('\n').length)).toEqual([9]);
    const suggestion = findings[0]!.suggestions[0]!;
    expect(source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]))
      .toBe(ledger('factory.create(LedgerDefinition, channel)', 'this.ledger.balance({ account }, { signal: AbortSignal.timeout(5_000) })'));
  });

  it('compiles against nice-grpc and gives the call a signal', { timeout: 60_000 }, () => {
    const source = `import { createChannel, createClient, type ServiceDefinition } from 'nice-grpc';
interface BalanceRequest { account: string }
interface Balance { amount: number }
const LedgerDefinition = {
  balance: {
    path: '/ledger.Ledger/Balance',
    requestStream: false,
    responseStream: false,
    requestSerialize: (request: BalanceRequest) => Buffer.from(JSON.stringify(request)),
    requestDeserialize: (bytes: Buffer): BalanceRequest => JSON.parse(bytes.toString()),
    responseSerialize: (balance: Balance) => Buffer.from(JSON.stringify(balance)),
    responseDeserialize: (bytes: Buffer): Balance => JSON.parse(bytes.toString()),
    options: {},
  },
} satisfies ServiceDefinition;
const ledger = createClient(LedgerDefinition, createChannel('ledger:50051'));
export const balanceOf = async (account: string) => (await ledger.balance({ account })).amount;
`;
    const [finding] = lint(source, 'ledger.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding?.suggestions[0];
    expect(suggestion?.text).toContain('signal: AbortSignal.timeout(');
    const fixed = source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    expect(typeErrors([source, fixed])).toEqual([[], []]);
  });
});
