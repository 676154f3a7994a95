import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();

// A scrobbler reading who plays what on a Jellyfin server: every generated API of @jellyfin/sdk sends through the
// axios instance handed to `createApi`, else axios' global one, which has no timeout: the Api is judged where it is made.
const sessions = (imports: string, made: string) => `import { Jellyfin } from '@jellyfin/sdk';
import { getSessionApi } from '@jellyfin/sdk/lib/utils/api/session-api.js';${imports}
const jellyfin = new Jellyfin({ clientInfo: { name: 'scrobbler', version: '2.0.0' }, deviceInfo: { name: 'scrobbler', id: 'scrobbler-1' } });
export async function playing(server: string, token: string) {
  const api = ${made};
  const { data } = await getSessionApi(api).getSessions({ activeWithinSeconds: 60 });
  return data.filter((session) => session.NowPlayingItem);
}
`;
const withAxios = "\nimport axios from 'axios';";
const bounded = 'axios.create({ timeout: 10_000 })';
const library = (imports: string, connect: string, direct: string) => `import { Api, Jellyfin } from '@jellyfin/sdk';${imports}
export class Library {
  private readonly sdk: Jellyfin;
  constructor(clientInfo: { name: string; version: string }, deviceInfo: { name: string; id: string }) {
    this.sdk = new Jellyfin({ clientInfo, deviceInfo });
  }
  connect(server: string, token: string) {
    return ${connect};
  }
  direct(server: string, token: string) {
    return ${direct};
  }
}`;

ruleTester.run('require-timeout (jellyfin sdk)', requireTimeout, {
  valid: [
    sessions(withAxios, 'jellyfin.createApi(server, token, axios.create({ timeout: 8_000 }))'),
    // an instance made elsewhere may have a timeout
    sessions("\nimport { http } from './http';", 'jellyfin.createApi(server, token, http)'),
    // axios' global instance given a timeout in this file
    sessions(`${withAxios}\naxios.defaults.timeout = 8_000;`, 'jellyfin.createApi(server, token)'),
    sessions(`${withAxios}\naxios.defaults.timeout = 8_000;`, 'jellyfin.createApi(server, token, axios)'),
    // a class of another package that happens to live in a file named like the SDK's is not the SDK's
    `import { Jellyfin } from '@jellyfin-tools/sdk/lib/jellyfin.js';
export const api = new Jellyfin({}).createApi('http://media.local');`,
  ],
  invalid: [
    {
      // no instance handed in: axios is imported for the one the fix makes
      code: sessions('', 'jellyfin.createApi(server, token)'),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 5,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: sessions(withAxios, 'jellyfin.createApi(server, token, axios.create({ timeout: 10_000 }))') }],
      }],
    },
    {
      // axios already imported, and no token: it is left undefined before the instance
      code: sessions(withAxios, 'jellyfin.createApi(server)'),
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: sessions(withAxios, 'jellyfin.createApi(server, undefined, axios.create({ timeout: 10_000 }))') }] }],
    },
    {
      // axios' global instance handed in is the same as none
      code: sessions(withAxios, 'jellyfin.createApi(server, token, axios)'),
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: sessions(withAxios, 'jellyfin.createApi(server, token, axios.create({ timeout: 10_000 }))') }] }],
    },
    {
      // an instance made here without a timeout: the timeout goes where it is made
      code: sessions(`${withAxios}\nconst http = axios.create({ headers: { 'X-Client': 'scrobbler' } });`, 'jellyfin.createApi(server, token, http)'),
      errors: [{
        messageId: 'missingClientTimeout',
        suggestions: [{ messageId: 'fixInstanceTimeout', output: sessions(`${withAxios}\nconst http = axios.create({ headers: { 'X-Client': 'scrobbler' }, timeout: 10_000 });`, 'jellyfin.createApi(server, token, http)') }],
      }],
    },
    {
      // the SDK kept in a class field, and an Api made directly: each gets the instance, axios imported once per fix
      code: library('', 'this.sdk.createApi(server, token)', 'new Api(server, this.sdk.clientInfo, this.sdk.deviceInfo, token)'),
      errors: [
        {
          messageId: 'missingClientTimeout',
          line: 8,
          suggestions: [{ messageId: 'fixInstanceTimeout', output: library(withAxios, `this.sdk.createApi(server, token, ${bounded})`, 'new Api(server, this.sdk.clientInfo, this.sdk.deviceInfo, token)') }],
        },
        {
          messageId: 'missingClientTimeout',
          line: 11,
          suggestions: [{ messageId: 'fixInstanceTimeout', output: library(withAxios, 'this.sdk.createApi(server, token)', `new Api(server, this.sdk.clientInfo, this.sdk.deviceInfo, token, ${bounded})`) }],
        },
      ],
    },
    {
      // the class imported from the file inside the SDK that defines it, held in a field and asked for an Api later
      code: `import { Jellyfin } from '@jellyfin/sdk/lib/jellyfin.js';
import { getSessionApi } from '@jellyfin/sdk/lib/utils/api/session-api.js';
export class Source {
  private readonly sdk = new Jellyfin({ clientInfo: { name: 'scrobbler', version: '2.0.0' }, deviceInfo: { name: 'scrobbler', id: 'scrobbler-1' } });
  private api?: ReturnType<Jellyfin['createApi']>;
  connect(server: string, token: string) {
    this.api = this.sdk.createApi(server, token);
  }
  async sessions() {
    return (await getSessionApi(this.api!).getSessions()).data;
  }
}`,
      errors: [{ messageId: 'missingClientTimeout', line: 7, suggestions: 1 }],
    },
  ],
});
