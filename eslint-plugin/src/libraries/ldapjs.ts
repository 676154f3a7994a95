import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { isSet, readOptions, unwrapExpression } from '../analysis/syntax.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import { creationLabel, creationOptions, setCreationOption } from './creation-options.js';
import type { CreationFinding, CreationModel, LibraryModel } from './model.js';

/**
 * ldapjs: `ldap.createClient({ url, timeout, connectTimeout })`, then `client.bind(dn, password, callback)` and
 * `client.search(base, options, callback)`. An operation waits forever by default (`timeout`: Infinity) and a connect
 * as long as the OS lets it (`connectTimeout`); both are set where the client is created, never per operation, so
 * the creation is what is reported. Its calls are not modelled one by one.
 */

type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

const OPERATION_BOUND = 'timeout';
const FIX = [['timeout', '10_000'], ['connectTimeout', '5_000']] as const;

/**
 * The check shared by ldapjs and the libraries that hand their options to it (ldapauth-fork, passport-ldapauth):
 * the client options at `index` (under `nested`, when the library keeps them in an option of its own) must set
 * `timeout`, the bound of every operation; options not readable here count as bounded.
 */
export function ldapClientCheck(index: number, nested: string | undefined, remedy: string): CreationModel['check'] {
  return (node: Creation, sourceCode: Readonly<TSESLint.SourceCode>): CreationFinding | undefined => {
    const options = creationOptions(sourceCode, node, index);
    if (options === 'unknown') return undefined;
    let client: TSESTree.ObjectExpression | undefined = options === 'absent' ? undefined : options;
    if (client && nested !== undefined) {
      const facts = readOptions(client);
      if (facts === 'unknown') return undefined;
      const inner = facts.get(nested);
      if (!inner) return undefined; // the library's own options without a client part: nothing of ldapjs to set here
      const target = unwrapExpression(inner);
      if (target.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      client = target;
    }
    if (client) {
      const facts = readOptions(client);
      if (facts === 'unknown' || isSet(facts.get(OPERATION_BOUND))) return undefined;
    }
    return {
      label: creationLabel(sourceCode, node),
      remedy,
      fix(target) {
        if (!client) return nested === undefined ? setCreationOption(target, node, index, FIX[0][0], FIX[0][1]) : undefined;
        const facts = readOptions(client);
        // `timeout` replaces a 0 or Infinity; a `connectTimeout` already chosen is kept
        const set = FIX.filter(([key]) => key === OPERATION_BOUND || facts === 'unknown' || !facts.has(key));
        const edits = new SourceEdits();
        edits.replace(client.range, objectTextWith(target.sourceCode, client, { set: set.map(([key, value]) => [key, value]) }));
        return { edits, option: set.map(([key, value]) => `${key}: ${value}`).join(', ') };
      },
    };
  };
}

/** What a library bounded only where its LDAP client is created shares; its calls are not modelled one by one. */
interface LdapModelParts {
  readonly kind: string;
  readonly retries: string;
  readonly instanceOptions: readonly string[];
  readonly remedy: string;
  readonly defaultBound: string;
  readonly creation: CreationModel;
}

export function ldapModel(parts: LdapModelParts): LibraryModel {
  return {
    kind: parts.kind,
    title: parts.kind,
    modules: [parts.kind],
    typeNames: [],
    takesUrl: false,
    dependencyName: 'ldap',
    signal: 'none',
    retries: parts.retries,
    fromModule: () => undefined,
    member: () => undefined,
    call: () => undefined,
    construct: () => undefined,
    timeout: {
      levels: ['client'],
      callOptions: [],
      instanceOptions: parts.instanceOptions,
      chainMethods: [],
      remedy: parts.remedy,
      defaultBound: parts.defaultBound,
      isChecked: () => false,
    },
    creation: parts.creation,
    fix: {},
  };
}

export const ldapjsLibrary = ldapModel({
  kind: 'ldapjs',
  retries: 'reconnects only when `reconnect` is set; operations are never retried',
  instanceOptions: ['timeout', 'connectTimeout'],
  remedy: 'set `timeout` (and `connectTimeout`) where the client is created',
  defaultBound: 'none (operations: Infinity; connect: the OS\'s)',
  creation: {
    sites: [{ module: 'ldapjs', path: ['createClient'], how: 'call' }, { module: 'ldapjs', path: ['default', 'createClient'], how: 'call' }],
    check: ldapClientCheck(0, undefined, 'set `timeout` (and `connectTimeout`) in the options where the client is created: by default an operation waits forever'),
  },
});
