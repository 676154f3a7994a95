import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

// An SDK's API classes hold their session as an interface (`session: Session`), implemented by the module's session
// classes, each handing the request config on to a retrying layer (kept in a field, or in a static field of a settings
// class). A call through the interface is judged as the implementations' calls are: by the config its caller gives.
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
// (a file of the project: its own classes and interfaces are read by the project model)
const filename = join(process.cwd(), 'src/campaigns-api.ts');

const sdk = (globalSend: string, configOptions: string) => `import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios';
class Backoff {
  async send(config: AxiosRequestConfig): Promise<AxiosResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await axios(config);
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      }
    }
  }
}
class GlobalSettings {
  static backoff: Backoff = new Backoff();
}
interface Session {
  send(config: AxiosRequestConfig): Promise<AxiosResponse>;
}
export class KeySession implements Session {
  private readonly backoff = new Backoff();
  send(config: AxiosRequestConfig) {
    return this.backoff.send(config);
  }
}
export class GlobalSession implements Session {
  send(config: AxiosRequestConfig) {
    ${globalSend}
  }
}
export class CampaignsApi {
  constructor(private readonly session: Session) {}
  async getCampaign(id: string) {
    const config: AxiosRequestConfig = { method: 'GET', url: \`https://api.mail.example/campaigns/\${id}\`${configOptions} };
    return (await this.session.send(config)).data;
  }
}
`;

ruleTester.run('require-timeout: a call through an interface of the module', requireTimeout, {
  valid: [
    // the caller's config bounds it
    { filename, code: sdk('return GlobalSettings.backoff.send(config);', ', timeout: 10_000') },
    // one implementation answers from a cache, making no request: what the interface does is not known
    { filename, code: sdk('return Promise.resolve({ data: {}, status: 200 } as AxiosResponse);', '') },
  ],
  invalid: [
    {
      filename,
      code: sdk('return GlobalSettings.backoff.send(config);', ''),
      errors: [{ ...missing, line: 35, suggestions: 4 }],
    },
  ],
});

// A static field of a class holding the layer, read as `GlobalSettings.backoff`: what its initialiser makes.
ruleTester.run('require-timeout: a layer held in a static field', requireTimeout, {
  valid: [],
  invalid: [
    {
      filename,
      code: `import axios, { type AxiosRequestConfig } from 'axios';
class Backoff {
  async send(config: AxiosRequestConfig) {
    return axios(config);
  }
}
class GlobalSettings {
  static backoff = new Backoff();
}
export const campaign = (id: string) => GlobalSettings.backoff.send({ method: 'GET', url: \`https://api.mail.example/campaigns/\${id}\` });
`,
      errors: [{ ...missing, line: 10, suggestions: 4 }],
    },
  ],
});
