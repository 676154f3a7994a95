import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A chat bridge (the forty-first round's matrix-bot-sdk, in our own words): an `Intent` acts for one user through the
// chat client it keeps in a field; the bridge hands out one intent per user, kept in a map. A listener that joins
// rooms through an intent and returns the promise to an emitter leaves its failure unhandled, as one calling the
// client itself does; the intent's module only imports the client's class, and the bridge's only hands the intent out.
const client = `export class ChatClient {
  constructor(private readonly homeserver: string) {}
  public async joinRoom(roomId: string): Promise<string> {
    const response = await fetch(\`\${this.homeserver}/join/\${roomId}\`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    return (await response.json()).room_id;
  }
}
`;

const intent = (joinRoom: string) => `import { ChatClient } from './client';
export class Intent {
  private readonly client: ChatClient;
  constructor(homeserver: string, public readonly userId: string) {
    this.client = new ChatClient(homeserver);
  }
  public async joinRoom(roomId: string): Promise<string | undefined> {
    ${joinRoom}
  }
}
`;

const bridge = `import { EventEmitter } from 'node:events';
import { Intent } from './intent';
export class Bridge extends EventEmitter {
  private readonly intents = new Map<string, Intent>();
  constructor(private readonly homeserver: string) { super(); }
  public intentFor(userId: string): Intent {
    let intent: Intent | undefined = this.intents.get(userId);
    if (!intent) {
      intent = new Intent(this.homeserver, userId);
      this.intents.set(userId, intent);
    }
    return intent;
  }
}
`;

const autoJoin = `import { Bridge } from './bridge';
import { Intent } from './intent';
export function joinOnInvite(bridge: Bridge): void {
  bridge.on('room.invite', (roomId: string, invite: { state_key: string }) => {
    const intent = bridge.intentFor(invite.state_key);
    return intent.joinRoom(roomId);
  });
}
export function joinAsBot(bridge: Bridge, bot: Intent): void {
  bridge.on('room.invite', (roomId: string) => bot.joinRoom(roomId));
}
`;

function project(name: string, joinRoom: string) {
  const files = scratchProject(name);
  files.write('bridge/package.json', JSON.stringify({ name: 'chat-bridge', dependencies: { express: '^4.0.0' } }));
  files.write('bridge/src/client.ts', client);
  files.write('bridge/src/intent.ts', intent(joinRoom));
  files.write('bridge/src/bridge.ts', bridge);
  return files.write('bridge/src/auto-join.ts', autoJoin);
}

const unprotected = (file: string) => lintWithPreset(file).filter((message) => message.ruleId === 'resilint/no-unprotected-call').map((message) => message.line);

describe('no-unprotected-call: a facade class calling the client it keeps in a field', () => {
  it('reports the listeners returning its promise: one given the facade, one asking the bridge for it', () => {
    expect(unprotected(project('facade-hands-on', 'return this.client.joinRoom(roomId);'))).toEqual([6, 10]);
  });

  it('leaves them alone when the facade handles the failure itself', () => {
    expect(unprotected(project('facade-handles', `try {
      return await this.client.joinRoom(roomId);
    } catch (error) {
      console.warn('could not join', roomId, error);
      return undefined;
    }`))).toEqual([]);
  });
});
