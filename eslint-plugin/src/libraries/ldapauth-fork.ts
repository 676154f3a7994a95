import { ldapClientCheck, ldapModel } from './ldapjs.js';

/**
 * ldapauth-fork: `new LdapAuth({ url, searchBase, searchFilter, timeout, connectTimeout })`, then
 * `auth.authenticate(username, password, callback)`. It hands `timeout` and `connectTimeout` to the two ldapjs clients
 * it makes (admin and user), so without them a directory server that stops answering holds every login forever.
 */

export const ldapauthForkLibrary = ldapModel({
  kind: 'ldapauth-fork',
  retries: 'never',
  instanceOptions: ['timeout', 'connectTimeout'],
  remedy: 'set `timeout` (and `connectTimeout`) in the options where `LdapAuth` is created',
  defaultBound: 'none (ldapjs: operations Infinity, connect the OS\'s)',
  creation: {
    sites: [{ module: 'ldapauth-fork', path: ['default'], how: 'new' }],
    check: ldapClientCheck(0, undefined, 'set `timeout` (and `connectTimeout`) in its options, which it hands to ldapjs: by default a bind or search waits forever, and so does the login'),
  },
});
