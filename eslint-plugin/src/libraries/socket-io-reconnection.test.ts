import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// socket.io-client reconnects after every drop, for ever by default, 1 s to 5 s apart with jitter. A page or a service
// wants that; a command run in a terminal or a CI job does not: when the server goes away it waits for ever (met on
// vip-cli's remote WP-CLI shell, the thirty-sixth round). Reported in a command only, with a fix that caps the attempts.
const { write } = scratchProject('socket-io');

const shell = (options: string) => `import io from 'socket.io-client';

export function openShell(host: string, token: string): void {
  const socket = io(\`\${host}/shell\`, { extraHeaders: { Authorization: \`Bearer \${token}\` }${options} });
  socket.on('output', (line: string) => process.stdout.write(line));
}
`;
const inCommand = (name: string, options: string): string => {
  write(`${name}/package.json`, JSON.stringify({ name, bin: { ops: 'dist/bin/shell.js' }, dependencies: { 'socket.io-client': '^4.7.0' } }));
  return write(`${name}/src/bin/shell.ts`, shell(options));
};
write('service/package.json', JSON.stringify({ name: 'relay', private: true, dependencies: { express: '^5.0.0', 'socket.io-client': '^4.7.0' } }));
const inService = write('service/src/relay.ts', shell(''));

function findings(file: string): { line: number; fixed?: string }[] {
  return lintWithPreset(file)
    .filter((message) => message.fatal || message.ruleId === 'resilint/no-unbounded-retry')
    .map((message) => ({ line: message.line, fixed: message.suggestions?.[0]?.fix.text }));
}

describe("socket.io-client's endless reconnection", () => {
  it('is reported in a command, with a fix that stops after 3 attempts', () => {
    expect(findings(inCommand('endless', ''))).toEqual([{ line: 4, fixed: '{ extraHeaders: { Authorization: `Bearer ${token}` }, reconnectionAttempts: 3 }' }]);
  });

  it('is left alone with a cap, or with reconnection turned off', () => {
    expect(findings(inCommand('capped', ', reconnectionAttempts: 5'))).toEqual([]);
    expect(findings(inCommand('single', ', reconnection: false'))).toEqual([]);
  });

  it('is left alone in a service, which should keep trying', () => {
    expect(findings(inService)).toEqual([]);
  });
});
