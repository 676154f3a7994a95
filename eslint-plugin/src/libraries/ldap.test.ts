import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// A directory server that accepts the connection and then says nothing holds a bind or search forever: ldapjs's
// operations have no time limit unless the client is created with `timeout`.
ruleTester.run('require-timeout (LDAP clients)', requireTimeout, {
  valid: [
    `import ldap from 'ldapjs';
     export const directory = ldap.createClient({ url: process.env.LDAP_URL!, timeout: 8_000, connectTimeout: 3_000 });`,
    // options built elsewhere may well set it
    `import { createClient } from 'ldapjs'; export const open = (options: ClientOptions) => createClient(options);`,
    `import LdapAuth from 'ldapauth-fork';
     export const auth = new LdapAuth({ url, searchBase: 'ou=people,dc=example,dc=org', searchFilter: '(uid={{username}})', timeout: 8_000 });`,
    `const LdapAuth = require('ldapauth-fork'); module.exports = (config) => new LdapAuth(config);`,
    `import LdapStrategy from 'passport-ldapauth';
     passport.use(new LdapStrategy({ server: { url, searchBase, searchFilter, timeout: 8_000 } }));`,
    // per-request options: not readable here
    `import LdapStrategy from 'passport-ldapauth'; passport.use(new LdapStrategy((req, done) => done(null, optionsFor(req))));`,
    // another package's createClient is not ldapjs's
    `import { createClient } from 'redis'; export const cache = createClient({ url });`,
  ],
  invalid: [
    {
      // a login service that makes one LdapAuth per attempt, options cast to the library's type
      code: `import LdapAuth from 'ldapauth-fork';
export function login(config: Config, user: string, password: string) {
  const auth = new LdapAuth({
    url: config.url,
    searchBase: config.base,
    searchFilter: '(uid={{username}})',
  } as LdapAuth.Options);
  return new Promise((resolve, reject) => auth.authenticate(user, password, (error, found) => (error ? reject(error) : resolve(found))));
}`,
      errors: [{
        ...atCreation,
        line: 3,
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import LdapAuth from 'ldapauth-fork';
export function login(config: Config, user: string, password: string) {
  const auth = new LdapAuth({
    url: config.url,
    searchBase: config.base,
    searchFilter: '(uid={{username}})',
    timeout: 10_000,
    connectTimeout: 5_000,
  } as LdapAuth.Options);
  return new Promise((resolve, reject) => auth.authenticate(user, password, (error, found) => (error ? reject(error) : resolve(found))));
}`,
        }],
      }],
    },
    {
      // a connect timeout alone still lets a bind wait forever on a server that answers the handshake only
      code: `const ldap = require('ldapjs');
const client = ldap.createClient({ url: 'ldaps://directory.internal', connectTimeout: 2_000 });`,
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `const ldap = require('ldapjs');
const client = ldap.createClient({ url: 'ldaps://directory.internal', connectTimeout: 2_000, timeout: 10_000 });` }] }],
    },
    {
      // `timeout: 0` is ldapjs's "no limit"
      code: `import { createClient } from 'ldapjs'; export const client = createClient({ url, timeout: 0 });`,
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { createClient } from 'ldapjs'; export const client = createClient({ url, timeout: 10_000, connectTimeout: 5_000 });` }] }],
    },
    {
      code: `import { Strategy } from 'passport-ldapauth';
passport.use(new Strategy({ server: { url: process.env.LDAP_URL, searchBase, searchFilter } }));`,
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { Strategy } from 'passport-ldapauth';
passport.use(new Strategy({ server: { url: process.env.LDAP_URL, searchBase, searchFilter, timeout: 10_000, connectTimeout: 5_000 } }));` }] }],
    },
  ],
});

describe('the LDAP fix', () => {
  it('sets options ldapjs declares, with the types it declares', { timeout: 60_000 }, () => {
    const source = `import { createClient } from 'ldapjs';
export const directory = createClient({ url: 'ldaps://directory.internal' });
`;
    const [finding] = lint(source, 'directory.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    const [errors, misspelt] = typeErrors([
      fixed,
      // the check itself can fail: an option ldapjs does not have is an error
      source.replace("'ldaps://directory.internal'", "'ldaps://directory.internal', operationTimeout: 10_000"),
    ]);
    expect(fixed).toContain('timeout: 10_000');
    expect(errors).toEqual([]);
    expect(misspelt).not.toEqual([]);
  });
});
