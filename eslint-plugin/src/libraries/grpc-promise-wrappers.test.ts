import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A CLI driving a device over gRPC (met on a visual-testing CLI, after its held-out round): a factory returns an
// object of promise wrappers over the stub's methods, each handing its caller's call options on (`opts || {}`) and
// rejecting its promise from the node-style callback. The caller is where the deadline is chosen.
const driver = (call: string) => `import * as grpc from '@grpc/grpc-js';
import * as loader from '@grpc/proto-loader';
const definition = loader.loadSync('driver.proto');
const DeviceDriver = (grpc.loadPackageDefinition(definition) as any).device.DeviceDriver;

function connect(address: string) {
  const stub = new DeviceDriver(address, grpc.credentials.createInsecure());
  return {
    tree: (request: object, options?: grpc.CallOptions) => new Promise((resolve, reject) => {
      stub.viewTree(request, options || {}, (error: Error | null, reply: unknown) => (error ? reject(error) : resolve(reply)));
    }),
    close: () => stub.close(),
  };
}

export async function dumpTree(address: string) {
  const device = connect(address);
  try {
    return await ${call};
  } finally {
    device.close();
  }
}`;

const metadataCall = `import * as grpc from '@grpc/grpc-js';
import * as loader from '@grpc/proto-loader';
const Catalog = (grpc.loadPackageDefinition(loader.loadSync('catalog.proto')) as any).shop.Catalog;
const stub = new Catalog('catalog:50051', grpc.credentials.createInsecure());
export function find(request: object, metadata: grpc.Metadata) {
  return new Promise((resolve, reject) => {
    stub.find(request, metadata, (error: Error | null, reply: unknown) => (error ? reject(error) : resolve(reply)));
  });
}`;

ruleTester.run('require-timeout: promise wrappers over a gRPC stub, made by a factory', requireTimeout, {
  valid: [
    driver('device.tree({}, { deadline: Date.now() + 4_000 })'),
    driver('connect(address).tree({}, { deadline: Date.now() + 4_000 })'),
  ],
  invalid: [
    {
      code: driver('device.tree({})'),
      errors: [{
        messageId: 'missingTimeout',
        line: 19,
        suggestions: [{ messageId: 'fixNativeTimeout', output: driver('device.tree({}, { deadline: Date.now() + 5_000 })') }],
      }],
    },
    {
      // options handed on that set no deadline
      code: driver("device.tree({}, { credentials: undefined })"),
      errors: [{ messageId: 'missingTimeout', line: 19, suggestions: 1 }],
    },
    {
      // metadata before the callback is no call options: the call gets its deadline where it is made
      code: metadataCall,
      errors: [{
        messageId: 'missingTimeout',
        line: 7,
        suggestions: [{ messageId: 'fixClientTimeout', output: metadataCall.replace('metadata, (error', 'metadata, { deadline: Date.now() + 5_000 }, (error') }],
      }],
    },
  ],
});
