import { ldapClientCheck } from './ldapjs.js';
import type { LibraryModel } from './model.js';

/**
 * ldapauth-fork: `new LdapAuth({ url, searchBase, searchFilter, timeout, connectTimeout })`, then
 * `auth.authenticate(username, password, callback)`. It hands `timeout` and `connectTimeout` to the two ldapjs clients
 * it makes (admin and user), so without them a directory server that stops answering holds every login forever.
 */

export const ldapauthForkLibrary: LibraryModel = {
  kind: 'ldapauth-fork',
  title: 'ldapauth-fork',
  modules: ['ldapauth-fork'],
  typeNames: [],
  takesUrl: false,
  dependencyName: 'ldap',
  signal: 'none',
  retries: 'never',
  fromModule: () => undefined,
  member: () => undefined,
  call: () => undefined,
  construct: () => undefined,
  timeout: {
    levels: ['client'],
    callOptions: [],
    instanceOptions: ['timeout', 'connectTimeout'],
    chainMethods: [],
    remedy: 'set `timeout` (and `connectTimeout`) in the options where `LdapAuth` is created',
    defaultBound: 'none (ldapjs: operations Infinity, connect the OS\'s)',
    isChecked: () => false,
  },
  creation: {
    sites: [{ module: 'ldapauth-fork', path: ['default'], how: 'new' }],
    check: ldapClientCheck(0, undefined, 'set `timeout` (and `connectTimeout`) in its options, which it hands to ldapjs: by default a bind or search waits forever, and so does the login'),
  },
  fix: {},
};
