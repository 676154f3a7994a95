import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import rule from './no-unprotected-call.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// An async event listener awaiting several calls (a bot following a room upgrade: join the new room, list the old
// room's members, bring each across): the emitter drops the listener's promise, so any of the calls failing is an
// unhandled rejection. The fix belongs at the listener, once: one finding, one try/catch around its body.
const ruleTester = new RuleTester();

const upgrade = (body: string) => `import { EventEmitter } from 'node:events';
export function followUpgrades(rooms: EventEmitter, homeserver: string): void {
  rooms.on('room.upgraded', async (oldRoom: string, newRoom: string) => {
${body}
  });
}
`;

const joinThenList = `    await fetch(\`\${homeserver}/join/\${newRoom}\`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    const members = await fetch(\`\${homeserver}/rooms/\${oldRoom}/members\`, { signal: AbortSignal.timeout(10_000) });
    console.log('followed', newRoom, (await members.json()).length);`;

ruleTester.run('no-unprotected-call: several calls failing into one callback', rule, {
  valid: [],
  invalid: [
    {
      code: upgrade(joinThenList),
      errors: [{
        messageId: 'callbackCalls',
        line: 4,
        data: { call: 'fetch', others: '1 other call', callback: "'room.upgraded' listener" },
        suggestions: [{
          messageId: 'fixCatchInCallback',
          output: upgrade(`    try {
      await fetch(\`\${homeserver}/join/\${newRoom}\`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      const members = await fetch(\`\${homeserver}/rooms/\${oldRoom}/members\`, { signal: AbortSignal.timeout(10_000) });
      console.log('followed', newRoom, (await members.json()).length);
    } catch (error) {
      console.error('the room.upgraded listener failed', error);
    }`),
        }],
      }],
    },
    {
      // a promise returned unawaited would reject past a catch around the body: each call keeps its own finding
      code: upgrade(`    await fetch(\`\${homeserver}/join/\${newRoom}\`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    return fetch(\`\${homeserver}/rooms/\${oldRoom}/leave\`, { method: 'POST', signal: AbortSignal.timeout(10_000) });`),
      errors: [
        { messageId: 'callback', line: 4, suggestions: 5 },
        { messageId: 'callback', line: 5, suggestions: 4 },
      ],
    },
  ],
});
