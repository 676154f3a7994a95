import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
const atCreation = { messageId: 'missingClientTimeout' as const };

// A gRPC client that leaves the function making it (registered in a container, kept in a field) is called through an
// interface elsewhere, where no deadline is seen; grpc-js has no default one, so the creation gets it, for every call.
// The workspace has the client class generated in another package (grpc-tools output behind tsc's CommonJS barrel).
const gateway = fileURLToPath(new URL('../../../fixtures/workspaces/grpc-gateway/packages/gateway/src/wiring.ts', import.meta.url));

ruleTester.run('require-timeout (gRPC clients made in one place, called in another)', requireTimeout, {
  valid: [
    // an interceptor that may set a deadline on each call
    `import * as grpc from '@grpc/grpc-js';
     const Search = grpc.makeGenericClientConstructor({}, 'Search');
     export const bind = (container: { set(key: string, value: unknown): void }, deadlines: grpc.Interceptor) =>
       container.set('search', new Search('search:50051', grpc.credentials.createInsecure(), { interceptors: [deadlines] }));`,
    // options from elsewhere may carry one
    `import * as grpc from '@grpc/grpc-js';
     const Search = grpc.makeGenericClientConstructor({}, 'Search');
     export class Finder { constructor(options: object, private readonly search = new Search('search:50051', grpc.credentials.createInsecure(), options)) {} }`,
    // used only where it is made, each call with a deadline
    { filename: gateway, code: `import * as grpc from '@grpc/grpc-js';
import { InvoicesClient } from '@gw/contracts';
export function statusOf(id: Buffer): Promise<Buffer> {
  const invoices = new InvoicesClient('billing:50051', grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => invoices.status(id, { deadline: Date.now() + 2_000 }, (error, reply) => (error ? reject(error) : resolve(reply))));
}` },
    // kept in a field of the class that makes it, whose every call through the field sets a deadline
    `import * as grpc from '@grpc/grpc-js';
     const Collector = grpc.makeGenericClientConstructor({}, 'Collector');
     export class SpanShipper {
       private client: grpc.Client | undefined;
       ship(batch: Buffer, timeoutMs: number, done: (error: Error | null) => void): void {
         this.client ??= new Collector('collector:4317', grpc.credentials.createInsecure());
         (this.client as any).export(batch, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, done);
       }
       shutdown(): void { this.client?.close(); }
     }`,
  ],
  invalid: [
    {
      // the control: the same class with one call through the field that sets none
      code: `import * as grpc from '@grpc/grpc-js';
const Collector = grpc.makeGenericClientConstructor({}, 'Collector');
export class SpanShipper {
  private client: any;
  connect(): void {
    this.client = new Collector('collector:4317', grpc.credentials.createInsecure());
  }
  ship(batch: Buffer, timeoutMs: number, done: (error: Error | null) => void): void {
    this.client.export(batch, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, done);
  }
  probe(done: (error: Error | null) => void): void {
    this.client.ping(Buffer.alloc(0), done);
  }
}`,
      errors: [{ ...atCreation, line: 6, suggestions: 1 }],
    },
    {
      // the generated class from the workspace package, kept in a field for other classes to use
      filename: gateway,
      code: `import * as grpc from '@grpc/grpc-js';
import { InvoicesClient } from '@gw/contracts';
export class Billing {
  readonly invoices = new InvoicesClient(process.env.BILLING_ADDRESS!, grpc.credentials.createSsl(), { 'grpc.keepalive_timeout_ms': 10_000 });
}`,
      errors: [{
        ...atCreation,
        line: 4,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import * as grpc from '@grpc/grpc-js';
import { InvoicesClient } from '@gw/contracts';
export class Billing {
  readonly invoices = new InvoicesClient(process.env.BILLING_ADDRESS!, grpc.credentials.createSsl(), { 'grpc.keepalive_timeout_ms': 10_000, interceptors: [(options: grpc.InterceptorOptions, next: grpc.NextCall) => new grpc.InterceptingCall(next({ ...options, deadline: options.deadline ?? Date.now() + 10_000 }))] });
}`,
        }],
      }],
    },
    {
      // the same class imported from the package and called where it is made: judged at the call
      filename: gateway,
      code: `import * as grpc from '@grpc/grpc-js';
import { InvoicesClient } from '@gw/contracts';
const invoices = new InvoicesClient('billing:50051', grpc.credentials.createInsecure());
export const issue = (order: Buffer, done: (error: Error | null) => void) => invoices.issue(order, new grpc.Metadata(), done);`,
      errors: [{ ...missing, line: 4, suggestions: [{ messageId: 'fixClientTimeout', output: `import * as grpc from '@grpc/grpc-js';
import { InvoicesClient } from '@gw/contracts';
const invoices = new InvoicesClient('billing:50051', grpc.credentials.createInsecure());
export const issue = (order: Buffer, done: (error: Error | null) => void) => invoices.issue(order, new grpc.Metadata(), { deadline: Date.now() + 5_000 }, done);` }] }],
    },
    {
      // JavaScript: a constructor made in the file, handed to a registry with no options
      filename: 'registry.js',
      code: `const grpc = require('@grpc/grpc-js');
const Ledger = grpc.makeGenericClientConstructor(ledgerService, 'Ledger');
module.exports = (registry) => registry.add('ledger', new Ledger('ledger:50051', grpc.credentials.createInsecure()));`,
      errors: [{
        ...atCreation,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `const grpc = require('@grpc/grpc-js');
const Ledger = grpc.makeGenericClientConstructor(ledgerService, 'Ledger');
module.exports = (registry) => registry.add('ledger', new Ledger('ledger:50051', grpc.credentials.createInsecure(), { interceptors: [(options, next) => new grpc.InterceptingCall(next({ ...options, deadline: options.deadline ?? Date.now() + 10_000 }))] }));`,
        }],
      }],
    },
  ],
});

describe('the gRPC creation fix', () => {
  it('compiles against @grpc/grpc-js and sets the deadline where the call options take it', { timeout: 60_000 }, () => {
    const source = `import * as grpc from '@grpc/grpc-js';
const Ledger = grpc.makeGenericClientConstructor({}, 'Ledger');
export const register = (registry: Map<string, grpc.Client>) => registry.set('ledger', new Ledger('ledger:50051', grpc.credentials.createInsecure()));
`;
    const [finding] = lint(source, 'ledger.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding?.suggestions[0];
    expect(suggestion?.text).toContain('InterceptingCall');
    const fixed = source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    expect(typeErrors([fixed])).toEqual([[]]);
  });
});
