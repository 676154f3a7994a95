import { describe, expect, it } from 'vitest';
import { lintWithPreset } from '../scratch-project.cases.js';

// An SDK's request layer that, on a "token unknown" answer, asks its token refresher for a new token, telling it which
// attempt this is, and sends the request again only when it says the token was renewed (a chat SDK's authed requests,
// the thirty-sixth round): the refresher decides when to give up (then logs out), and a network error is thrown at
// once. A renewal not told the attempt cannot stop a server that keeps refusing the renewed token: still reported.
const layer = (renewalArguments: string) => `
declare class MatrixLikeError extends Error { errcode: string }
declare const enum Outcome { Success, Failure, LoggedOut }
interface Renewal { handleUnknownToken(snapshot: string, attempt: number): Promise<Outcome>; current(): Promise<string> }
export class AuthedRequests {
  constructor(private readonly tokenRefresher: Renewal) {}
  async send(attempt: number, path: string): Promise<unknown> {
    const token = await this.tokenRefresher.current();
    try {
      const response = await fetch(\`https://chat.example.com\${path}\`, { headers: { Authorization: \`Bearer \${token}\` }, signal: AbortSignal.timeout(30_000) });
      if (!response.ok) throw new Error(String(response.status));
      return await response.json();
    } catch (error) {
      if (!(error instanceof MatrixLikeError)) throw error;
      if (error.errcode === 'M_UNKNOWN_TOKEN') {
        const outcome = await this.tokenRefresher.handleUnknownToken(${renewalArguments});
        if (outcome === Outcome.Success) return this.send(attempt + 1, path);
      }
      throw error;
    }
  }
}
`;

function findings(code: string): string[] {
  return lintWithPreset('/sdk/src/http/authed.ts', 'all', code)
    .filter((message) => message.fatal || message.ruleId === 'resilint/no-unbounded-retry' || message.ruleId === 'resilint/retry-requires-backoff')
    .map((message) => `${message.line}:${message.ruleId}`);
}

describe('a request sent again after its credential was renewed', () => {
  it('is bounded when the renewal is told the attempt and decides', () => {
    expect(findings(layer('token, attempt'))).toEqual([]);
  });

  it('is reported when the renewal is not told the attempt', () => {
    expect(findings(layer('token'))).toEqual(['17:resilint/no-unbounded-retry']);
  });
});

// A device SDK signing in with a stored refresh token (the fortieth round): when the token grant fails, it forgets the
// token and signs in again, which builds a password grant (or throws for want of one). The stored token is what the
// grant was built from, so the second call cannot take the same way: one more try, not a loop. Forgetting something
// the call never reads leaves a retry of the same grant.
const signIn = (cleared: string, test = 'grant.refresh_token') => `
export class DeviceSession {
  private refreshToken?: string;
  private lastError?: unknown;
  constructor(private readonly password?: string) {}
  private grant() {
    if (this.refreshToken) return { grant_type: 'refresh_token', refresh_token: this.refreshToken };
    if (this.password) return { grant_type: 'password', password: this.password };
    throw new Error('sign in again');
  }
  async authenticate(): Promise<{ access_token: string }> {
    const grant = this.grant();
    try {
      const response = await fetch('https://auth.example.net/oauth/token', { method: 'POST', body: JSON.stringify(grant), signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(String(response.status));
      return await response.json();
    } catch (error) {
      if (${test}) {
        this.${cleared} = undefined;
        return this.authenticate();
      }
      throw error;
    }
  }
}
`;

describe('a sign-in that forgets its stored token and signs in again', () => {
  it('goes round once: the grant was built from the token it clears', () => {
    expect(findings(signIn('refreshToken'))).toEqual([]);
    expect(findings(signIn('refreshToken', "grant.grant_type === 'refresh_token'"))).toEqual([]);
  });

  it('is still a retry when what it clears plays no part in the request', () => {
    expect(findings(signIn('lastError'))).toEqual(['20:resilint/no-unbounded-retry', '20:resilint/retry-requires-backoff']);
    // nor when only the error was tested: the next call, built without the token, may fail the same way
    expect(findings(signIn('refreshToken', "error instanceof Error"))).toEqual(['20:resilint/no-unbounded-retry', '20:resilint/retry-requires-backoff']);
  });
});

// A printer SDK whose job submission waits for its sign-in promise and does the work in the callback handed to
// `.then()` (the fortieth round's home-device SDK): a 401 caught there signs in again and submits again at once, with
// nothing counting. The catch runs once for each call of `submit`, so that is `submit`'s retry, as it would be in
// `submit`'s own body; a count handed on bounds it.
const chainedSubmit = (params: string, guard: string, call: string) => `
declare function signIn(): Promise<string>;
export class PrintQueue {
  private session: Promise<string> = signIn();
  private async send(token: string, job: string): Promise<string> {
    const response = await fetch('https://print.example.org/jobs', { method: 'PUT', body: job, headers: { authorization: token }, signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw Object.assign(new Error(String(response.status)), { status: response.status });
    return response.text();
  }
  submit(${params}): Promise<string> {
    return this.session.then(async (token) => {
      try {
        return await this.send(token, job);
      } catch (error) {
        if ((error as { status?: number }).status === 401${guard}) {
          this.session = signIn();
          return ${call};
        }
        throw error;
      }
    });
  }
}
`;

describe('a sign-in renewed from a catch inside the callback a method hands to .then()', () => {
  it('is reported when nothing counts the tries', () => {
    expect(findings(chainedSubmit('job: string', '', 'this.submit(job)'))).toEqual(['17:resilint/no-unbounded-retry']);
  });

  it('is bounded by a count the self-call hands on', () => {
    expect(findings(chainedSubmit('job: string, attempt = 0', ' && attempt < 2', 'this.submit(job, attempt + 1)'))).toEqual([]);
  });
});

// The same client renewing through a method named for it (`await this.refreshSignIn()`), and resending on a 504 after
// a pause in another branch of the catch (the fortieth round's home-device SDK): the renewal is a second try whose
// bound is missing, not a remedy that ends the loop, and it says nothing of the 504 branch, a retry of its own.
const renewingClient = (renewal: string) => `
declare function signIn(): Promise<string>;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export class Doorbells {
  private session: Promise<string> = signIn();
  private async refreshSignIn(): Promise<void> {
    this.session = signIn();
    await this.session;
  }
  async ring(id: string): Promise<unknown> {
    const token = await this.session;
    try {
      const response = await fetch(\`https://bells.example.org/\${id}/ring\`, { method: 'PUT', headers: { authorization: token }, signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw Object.assign(new Error(String(response.status)), { status: response.status });
      return await response.json();
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 401) {
        ${renewal}
      }
      if (status === 504) {
        await pause(5_000);
        return this.ring(id);
      }
      throw error;
    }
  }
}
`;

describe('a renewal through a method named for it, beside a resend on a 504', () => {
  it('reports the renewal with no count and the 504 resend, each on its own', () => {
    expect(findings(renewingClient('await this.refreshSignIn();\n        return this.ring(id);'))).toEqual([
      '20:resilint/no-unbounded-retry', '24:resilint/no-unbounded-retry', '24:resilint/retry-requires-backoff',
    ]);
  });
});
