import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';

// A chat SDK's mixin that joins every room its bot is invited to (the forty-first round): the listener returns the
// join's promise to an `EventEmitter`, which never reads it, so a refused join is an unhandled rejection. Nobody
// would see a fallback value there; the first fix logs the failure, and the finding goes.
const mixin = (listener: string) => `import { EventEmitter } from 'node:events';
declare class ChatClient extends EventEmitter {
  joinRoom(roomId: string): Promise<string>;
}
export async function join(roomId: string): Promise<string> {
  const response = await fetch(\`https://chat.example.org/rooms/\${roomId}/join\`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(String(response.status));
  return roomId;
}
export function autojoin(client: ChatClient): void {
  client.on('room.invite', ${listener});
}
`;

const unprotected = (code: string) => lint(code, 'mixin.ts').findings.filter((found) => found.ruleId === 'resilint/no-unprotected-call');

describe('a promise returned from an event listener', () => {
  for (const listener of ['(roomId: string) => { return join(roomId); }', '(roomId: string) => join(roomId)']) {
    it(`is fixed first by a logging .catch: ${listener}`, { timeout: 60_000 }, () => {
      const source = mixin(listener);
      const [finding] = unprotected(source);
      expect(finding?.suggestions[0]?.title).toBe('Add `.catch` that logs the failure of join.');
      const fixed = applyFix(source, finding!.suggestions[0]!);
      expect(fixed).toContain("join(roomId).catch((error: unknown) => { console.error('join failed', error); })");
      expect(unprotected(fixed)).toEqual([]);
      expect(typeErrors([fixed])).toEqual([[]]);
    });
  }
});
