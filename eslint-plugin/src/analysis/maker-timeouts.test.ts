import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import rule from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A hand-written client over axios whose instance takes the timeout its maker hands in (`timeout: opts.timeout`),
// the option optional and defaulted nowhere, made by a service that gives none (met on a NestJS back end's media
// server client, made from the service's constructor through `connect({})`). axios's default is no timeout at all.
const mediaService = ({ timeout = 'opts.timeout', made = 'this.connect({});' } = {}) => `import axios, { type AxiosInstance } from 'axios';

type ServerOptions = { host: string; token: string; timeout?: number };

class MediaServerClient {
  private http: AxiosInstance;
  constructor(opts: ServerOptions) {
    this.http = axios.create({ baseURL: opts.host, timeout: ${timeout}, headers: { 'X-Token': opts.token } });
  }
  async sections(): Promise<unknown> {
    return (await this.http.get('/library/sections')).data;
  }
}

export class MediaService {
  private client?: MediaServerClient;
  constructor() {
    ${made}
  }
  connect({ timeout }: { timeout?: number }) {
    this.client = new MediaServerClient({ host: process.env.MEDIA_HOST!, token: process.env.MEDIA_TOKEN!, timeout });
  }
  sections() {
    return this.client!.sections();
  }
}
`;

ruleTester.run('require-timeout: a client bounded by what its maker hands in', rule, {
  valid: [
    // every maker in view gives a timeout
    mediaService({ made: 'this.connect({ timeout: 10_000 });' }),
    // the option has a default where the client reads it
    mediaService({ timeout: 'opts.timeout ?? 30_000' }),
    // a maker's own option, handed on from what its caller gives: nothing in view says it is left out
    mediaService({ made: 'this.connect(settings.media);' }),
    // a class nobody here makes: its makers, elsewhere, choose
    `import axios from 'axios';
     export class Api {
       private http;
       constructor(options: { baseURL: string; timeout?: number }) { this.http = axios.create({ baseURL: options.baseURL, timeout: options.timeout }); }
       me() { return this.http.get('/me'); }
     }`,
  ],
  invalid: [],
});

const madeDirectly = (timeout = 'options.timeout') => `import axios from 'axios';
class Api {
  private http;
  constructor(options: { baseURL: string; timeout?: number }) { this.http = axios.create({ baseURL: options.baseURL, timeout: ${timeout} }); }
  me() { return this.http.get('/me'); }
}
export const api = new Api({ baseURL: 'https://api.example.com' });
`;

/** The require-timeout findings of a file: line, message and the first fix's outcome. */
function findings(source: string) {
  return lint(source, 'media.service.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout')
    .map((found) => ({
      line: source.slice(0, found.offset).split('\n').length,
      optional: found.message.includes('is given a timeout only when'),
      fixed: found.suggestions[0] && applyFix(source, found.suggestions[0]),
    }));
}

describe('a client whose maker leaves its timeout out', () => {
  it('is reported at its call, with a default where the option is read', () => {
    expect(findings(mediaService())).toEqual([{ line: 11, optional: true, fixed: mediaService({ timeout: 'opts.timeout ?? 30_000' }) }]);
    expect(findings(madeDirectly())).toEqual([{ line: 5, optional: true, fixed: madeDirectly('options.timeout ?? 30_000') }]);
  });

  it('the default compiles against axios\'s types', { timeout: 60_000 }, () => {
    const [finding] = lint(mediaService(), 'media.service.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(mediaService(), finding!.suggestions[0]!);
    expect(fixed).toContain('timeout: opts.timeout ?? 30_000');
    expect(typeErrors([fixed, fixed.replace('?? 30_000', "?? '30s'")]).map((errors) => errors.length > 0)).toEqual([false, true]);
  });
});
