import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { ExternalCall } from '../analysis/external-calls.js';
import { memberKeyName, staticPropertyName } from '../analysis/member-syntax.js';
import { asOptionsObject, isObjectMerge, isSet, literalBranches, propertyKey, readOptions, unwrapExpression, withoutEmptyFallback } from '../analysis/syntax.js';
import { objectTextWith } from '../fixes/object-literal.js';
import { SourceEdits } from '../fixes/source-edits.js';
import type { FixTarget } from '../fixes/wrap-in-policies.js';
import { creationOptionLeftUnset, spreadLeftUnsetByCallers } from '../analysis/layer-callers.js';
import { DEFAULT_TIMEOUT_MS, defaultTimeoutEdits } from '../fixes/default-timeouts.js';
import { isUnboundedProjectConfig } from '../analysis/project-config-sources.js';
import type { CreationFile, CreationFinding } from './model.js';

/** Reading and writing the options a client, pool or connection is created with. */

type SourceCode = Readonly<TSESLint.SourceCode>;
type Creation = TSESTree.CallExpression | TSESTree.NewExpression;
/** A creation check that needs little of its file beyond the source (it fits `CreationModel['check']`). */
type SourceOnlyCheck = (node: Creation, sourceCode: SourceCode, file?: Pick<CreationFile, 'filename'>) => CreationFinding | undefined;

/** `const pool = new Pool(...)` (or `new pg.Pool`, `new Redis`) behind `pool.query(...)`, when it is a const of this file. */
export function creationOf(sourceCode: SourceCode, call: TSESTree.CallExpression): TSESTree.NewExpression | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') return undefined;
  const object = callee.object;
  const variable = sourceCode.getScope(object).references.find((reference) => reference.identifier === object)?.resolved;
  const declarator = variable?.defs[0]?.node;
  if (declarator?.type !== 'VariableDeclarator' || declarator.parent.type !== 'VariableDeclaration' || declarator.parent.kind !== 'const') {
    return undefined;
  }
  return declarator.init?.type === 'NewExpression' ? declarator.init : undefined;
}

/** Options added as the only argument of the `new X(...)` of this file that created the call's client, when it was created with none. */
export function addCreationOptions(target: FixTarget, call: ExternalCall, options: string): { edits: SourceEdits; option: string } | undefined {
  const { sourceCode } = target;
  const created = creationOf(sourceCode, call.node);
  if (!created || created.arguments.length > 0) return undefined;
  const closing = sourceCode.getLastToken(created);
  if (!closing || closing.value !== ')') return undefined;
  const edits = new SourceEdits();
  edits.insert(closing.range[0], options);
  return { edits, option: options.slice(2, -2) };
}


/** A creation's options argument: an object literal (directly or through a `const`), absent, or not readable here. */
/**
 * The options a creation is given: a literal, or a `const` holding one that nothing changes afterwards. With `bounding`
 * (the options that may bound the client), a literal filled in by assignments of other options
 * (`const params = {}; params.auth = token`) is read as it is written.
 */
export function creationOptions(
  sourceCode: SourceCode, node: Creation, index: number, bounding?: readonly string[],
  { fields = false, passedThrough }: { fields?: boolean; passedThrough?: PassedThrough } = {},
): TSESTree.ObjectExpression | 'absent' | 'unknown' {
  const argument = node.arguments[index];
  if (!argument) return node.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement) ? 'unknown' : 'absent';
  const target = givenThrough(withoutEmptyFallback(argument), passedThrough);
  const chosen = asOptionsObject(target);
  if (chosen) return chosen;
  if (fields) {
    const written = fieldLiteral(sourceCode, target, bounding);
    if (written) return written;
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    if (target.name === 'undefined') return 'absent';
    const variable = sourceCode.getScope(target).references.find((reference) => reference.identifier === target)?.resolved;
    const declarator = variable?.defs[0]?.node;
    if (variable?.defs.length === 1 && declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.parent.kind === 'const' && declarator.init
      && variable.references.every((reference) => !isMutated(reference.identifier, bounding))) {
      const init = givenThrough(declarator.init, passedThrough);
      if (init.type === AST_NODE_TYPES.ObjectExpression) return init;
    }
  }
  return 'unknown';
}

/**
 * The literals a creation's options are chosen from by a condition, written in place or in a `const` nothing changes
 * afterwards (`new SQSClient(region ? { region } : {})`, `const config = credentials ? { region, credentials } : {
 * region }`): each is what the client may be made with. Undefined when the options are anything else.
 */
export function chosenCreationLiterals(sourceCode: SourceCode, node: Creation, index: number, bounding: readonly string[]): TSESTree.ObjectExpression[] | undefined {
  const argument = node.arguments[index];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const target = unwrapExpression(argument);
  if (target.type !== AST_NODE_TYPES.Identifier) return literalBranches(target);
  const variable = sourceCode.getScope(target).references.find((reference) => reference.identifier === target)?.resolved;
  const declarator = variable?.defs[0]?.node;
  if (variable?.defs.length !== 1 || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || !declarator.init
    || variable.references.some((reference) => isMutated(reference.identifier, bounding))) return undefined;
  return literalBranches(declarator.init);
}

/** The parameter whose options a helper called by `callee` hands back unbounded (see project/passed-through-options.ts). */
export type PassedThrough = (callee: TSESTree.Node) => number | undefined;

/** `withProxy(url, { baseURL })` with `withProxy` a helper handing back the options it is given: those options. */
export function givenThrough(node: TSESTree.Node, passedThrough: PassedThrough | undefined, depth = 0): TSESTree.Node {
  const call = unwrapExpression(node);
  if (!passedThrough || call.type !== AST_NODE_TYPES.CallExpression || depth > 2) return call;
  const parameter = passedThrough(call.callee);
  const given = parameter === undefined ? undefined : call.arguments[parameter];
  return given && given.type !== AST_NODE_TYPES.SpreadElement ? givenThrough(given, passedThrough, depth + 1) : call;
}

/**
 * With `fields`: `this.config`, when the class writes that field once, with an object literal, and nothing sets one of
 * `bounding` on it afterwards (`this.config.requestHandler = ...`).
 */
function fieldLiteral(sourceCode: SourceCode, target: TSESTree.Node, bounding: readonly string[] | undefined): TSESTree.ObjectExpression | undefined {
  const name = thisFieldName(target);
  if (name === undefined) return undefined;
  let body: TSESTree.Node | undefined = target.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  if (!body) return undefined;
  const writes: TSESTree.Node[] = [];
  let mutated = false;
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && thisFieldName(node.left) === name) writes.push(node.right);
    if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.computed && memberKeyName(node) === name && node.value) writes.push(node.value);
    if (thisFieldName(node) === name && isMutated(node, bounding)) mutated = true;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
      }
    }
  };
  visit(body);
  if (mutated || writes.length !== 1) return undefined;
  const literal = unwrapExpression(writes[0]!);
  return literal.type === AST_NODE_TYPES.ObjectExpression ? literal : undefined;
}

/** `this.config` → 'config', `this.#config` → '#config'. */
function thisFieldName(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed
    ? staticPropertyName(node) : undefined;
}

/** `options.timeout = ...` (any option, or one of `bounding` when given), or handed to a function that may set it. */
function isMutated(identifier: TSESTree.Node, bounding: readonly string[] | undefined): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
    const written = parent.parent.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent;
    const key = staticPropertyName(parent);
    return written && (!bounding || key === undefined || bounding.includes(key));
  }
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(identifier as TSESTree.Expression) && parent.callee.type === AST_NODE_TYPES.MemberExpression
    && parent.callee.object.type === AST_NODE_TYPES.Identifier && parent.callee.object.name === 'Object';
}

/** 'bounded' when a named option (or a nested path `request.timeout`) is set, 'unknown' when a spread may set it. */
/**
 * Whether a client made with the options at `index` leaves its calls unbounded: made with none, with options written
 * without any of `paths` set (`'http.timeout'`), or with options a function of the project builds whose modules never
 * write any of `projectKeys`. Options this file cannot read otherwise may bound it.
 */
export function creationLeavesUnbounded(
  sourceCode: SourceCode, node: Creation, index: number, filename: string | undefined, paths: readonly string[], projectKeys: readonly string[],
): boolean {
  const options = creationOptions(sourceCode, node, index);
  if (options === 'absent') return true;
  if (options !== 'unknown') return optionsBound(options, paths) === 'unbounded';
  const given = node.arguments[index];
  return given !== undefined && isUnboundedProjectConfig(given, sourceCode, filename, projectKeys);
}

export function optionsBound(options: TSESTree.ObjectExpression, paths: readonly string[]): 'bounded' | 'unbounded' | 'unknown' {
  let unknown = false;
  for (const path of paths) {
    let object: TSESTree.ObjectExpression | undefined = options;
    const names = path.split('.');
    for (const [index, name] of names.entries()) {
      if (!object) break;
      const facts = readOptions(object);
      const value = facts === 'unknown' ? undefined : facts.get(name);
      if (facts === 'unknown') unknown = true;
      if (!value) break;
      if (index === names.length - 1) {
        if (isSet(value)) return 'bounded';
        break;
      }
      const inner = unwrapExpression(value);
      if (inner.type !== AST_NODE_TYPES.ObjectExpression) {
        unknown = true;
        break;
      }
      object = inner;
    }
  }
  return unknown ? 'unknown' : 'unbounded';
}

/**
 * An edit setting `key: value` in the creation's options at `index`, adding the argument when absent; added to
 * `edits` when the fix already has some (the import the value needs).
 */
export function setCreationOption(target: FixTarget, node: Creation, index: number, key: string, value: string, edits = new SourceEdits()): { edits: SourceEdits; option: string } | undefined {
  return setCreationOptions(target, node, index, [[key, value]], edits);
}

/** The same for several options set together (a timeout and the retries that would repeat it). */
export function setCreationOptions(
  target: FixTarget, node: Creation, index: number, pairs: readonly (readonly [string, string])[], edits = new SourceEdits(),
): { edits: SourceEdits; option: string } | undefined {
  const { sourceCode } = target;
  const option = pairs.map(([key, value]) => `${key}: ${value}`).join(', ');
  const argument = node.arguments[index];
  if (argument) {
    const object = unwrapExpression(argument);
    if (object.type === AST_NODE_TYPES.ObjectExpression) {
      edits.replace(object.range, objectTextWith(sourceCode, object, { set: pairs }));
      return { edits, option };
    }
    if (object.type === AST_NODE_TYPES.Identifier || object.type === AST_NODE_TYPES.MemberExpression) {
      edits.replace(argument.range, `{ ...${sourceCode.getText(argument)}, ${option} }`);
      return { edits, option };
    }
    // `cond ? { headers } : undefined`, `config ?? {}`: the bound holds on either branch
    if (asOptionsObject(object) || withoutEmptyFallback(object) !== object) {
      edits.replace(argument.range, `{ ...(${sourceCode.getText(argument)}), ${option} }`);
      return { edits, option };
    }
    return undefined;
  }
  if (node.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const closing = sourceCode.getLastToken(node);
  if (!closing || closing.value !== ')') return undefined;
  const padding = Array.from({ length: index - node.arguments.length }, () => 'undefined');
  const added = [...padding, `{ ${option} }`].join(', ');
  const last = node.arguments.at(-1);
  edits.insert(last ? last.range[1] : closing.range[0], last ? `, ${added}` : added);
  return { edits, option };
}

/**
 * An edit setting `outer.key: value` in the creation's options (`clientOptions.timeout`, `request.fetch`): inside
 * `outer` where it is written here as an object, else `outer: { key: value }` beside the other options. Undefined
 * when `outer` is given some other way (a variable may set the key already).
 */
export function setNestedCreationOption(
  target: FixTarget,
  node: Creation,
  index: number,
  facts: ReturnType<typeof readOptions> | undefined,
  [outer, key]: readonly [string, string],
  value: string,
): { edits: SourceEdits; option: string } | undefined {
  return setNestedCreationOptions(target, node, index, facts, outer, [[key, value]]);
}

/** The same for several keys of `outer` set together (a timeout and the retries that would repeat it). */
export function setNestedCreationOptions(
  target: FixTarget,
  node: Creation,
  index: number,
  facts: ReturnType<typeof readOptions> | undefined,
  outer: string,
  pairs: readonly (readonly [string, string])[],
): { edits: SourceEdits; option: string } | undefined {
  const option = pairs.map(([key, value]) => `${outer}.${key}: ${value}`).join(', ');
  const given = facts && facts !== 'unknown' ? facts.get(outer) : undefined;
  const inner = given && unwrapExpression(given);
  if (inner?.type === AST_NODE_TYPES.ObjectExpression) {
    const edits = new SourceEdits();
    edits.replace(inner.range, objectTextWith(target.sourceCode, inner, { set: pairs }));
    return { edits, option };
  }
  if (given) return undefined;
  const made = setCreationOption(target, node, index, outer, `{ ${pairs.map(([key, value]) => `${key}: ${value}`).join(', ')} }`);
  return made && { edits: made.edits, option };
}

/** `new Foo(...)` / `foo(...)` as the message names it. */
export function creationLabel(sourceCode: SourceCode, node: Creation): string {
  const callee = sourceCode.getText(node.callee);
  const short = callee.length > 40 ? callee.slice(callee.lastIndexOf('.') + 1) : callee;
  return `\`${node.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${short}(...)\``;
}

/**
 * A standard creation check: the options at `index` must set one of `paths` (`timeout`, `request.timeout`); absent
 * options or options without them are unbounded, options not readable here count as bounded.
 */
export function requireCreationOption(index: number | ((node: Creation) => number), paths: readonly string[], fixKey: string, fixValue: string, remedy: string): SourceOnlyCheck {
  return (node, sourceCode, file) => {
    const at = typeof index === 'number' ? index : index(node);
    const options = creationOptions(sourceCode, node, at);
    if (options === 'unknown') return undefined;
    if (options !== 'absent' && optionsBound(options, paths) !== 'unbounded' && spreadConstantsBound(sourceCode, options, paths) !== 'unbounded') {
      return file?.filename ? leftUnsetByMakers(sourceCode, file.filename, node, options, paths, remedy) : undefined;
    }
    return {
      label: creationLabel(sourceCode, node),
      remedy,
      fix: (target) => setCreationOption(target, node, at, fixKey, fixValue),
    };
  };
}

/**
 * `new PlexAPI({ hostname, timeout })` in a class's constructor, `timeout` handed in by its maker with no default, and a
 * maker in view giving none (`new MediaLibrary({ host, token })`): that client waits forever. The default belongs where
 * the option is read, so every maker that gives none is bounded and one that gives a timeout keeps it.
 */
function leftUnsetByMakers(sourceCode: SourceCode, filename: string, node: Creation, options: TSESTree.ObjectExpression, paths: readonly string[], remedy: string): CreationFinding | undefined {
  const unset = creationOptionLeftUnset(sourceCode, filename, options, paths);
  if (!unset) return spreadLeftUnsetByCallers(sourceCode, filename, options, paths) ? spreadDefault(sourceCode, node, options, paths[0]!, remedy) : undefined;
  const text = sourceCode.getText(unset);
  return {
    label: creationLabel(sourceCode, node),
    remedy: `give \`${text}\` a default where it is read (a maker in view leaves it out), or ${remedy}`,
    fix(target) {
      const edits = defaultTimeoutEdits(target.sourceCode, unset);
      const key = unset.parent?.type === AST_NODE_TYPES.Property ? propertyKey(unset.parent) : undefined;
      return edits && { edits, option: `${key ?? text}: ${text} ?? ${DEFAULT_TIMEOUT_MS}` };
    },
  };
}

/**
 * A default written before the spreads of the caller's options (`{ handshakeTimeout: 10_000, rejectUnauthorized: true,
 * ...options }`): every maker that gives no bound gets it, one that gives its own keeps it.
 */
function spreadDefault(sourceCode: SourceCode, node: Creation, options: TSESTree.ObjectExpression, key: string, remedy: string): CreationFinding {
  return {
    label: creationLabel(sourceCode, node),
    remedy: `${remedy}, before the options its maker hands in (a maker in view gives none)`,
    fix() {
      const first = options.properties[0]!;
      const edits = new SourceEdits();
      edits.insert(first.range[0], `${key}: ${DEFAULT_TIMEOUT_MS}, `);
      return { edits, option: `${key}: ${DEFAULT_TIMEOUT_MS}` };
    },
  };
}

/**
 * Options spreading an object literal the file keeps in a constant (`{ ...base, host }` with `const base = { team,
 * requestTimeout: 0 }`): read through the constant, for options named by one key. Anything else stays unknown.
 */
function spreadConstantsBound(sourceCode: SourceCode, options: TSESTree.ObjectExpression, paths: readonly string[]): 'bounded' | 'unbounded' | 'unknown' {
  if (paths.some((path) => path.includes('.'))) return 'unknown';
  const last = factsThroughConstants(sourceCode, options);
  if (last === 'unknown') return 'unknown';
  return paths.some((path) => isSet(last.get(path))) ? 'bounded' : 'unbounded';
}

/**
 * The value each option of a literal ends with, the later properties and spreads overriding the earlier ones, its
 * spreads read through the object literals this file keeps in constants (`{ baseURL, ...DEFAULTS }`); 'unknown' when a
 * key or a spread cannot be read so.
 */
export function factsThroughConstants(sourceCode: SourceCode, options: TSESTree.ObjectExpression): Map<string, TSESTree.Node> | 'unknown' {
  const last = new Map<string, TSESTree.Node>();
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.Property) {
      const key = propertyKey(property);
      if (key === undefined) return 'unknown';
      last.set(key, property.value);
      continue;
    }
    const argument = unwrapExpression(property.argument);
    const literal = argument.type === AST_NODE_TYPES.Identifier ? constantObject(sourceCode, argument) : undefined;
    const facts = literal ? readOptions(literal) : 'unknown';
    if (facts === 'unknown') return 'unknown';
    for (const [key, value] of facts) last.set(key, value);
  }
  return last;
}

/** The object literal a `const` of this file holds, never written again nor handed to code that may write it. */
function constantObject(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.ObjectExpression | undefined {
  const variable = findVariable(sourceCode.getScope(identifier) as never, identifier) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || def.parent?.type !== AST_NODE_TYPES.VariableDeclaration || def.parent.kind !== 'const') return undefined;
  const init = def.node.init && unwrapExpression(def.node.init);
  // a constant whose members are written later, or that is handed to a call (but as a source of `Object.assign`), may gain the option
  if (variable!.references.some(({ identifier: used }) => {
    const parent = used.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression) {
      return parent.object === used && parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent;
    }
    if (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) return false;
    const index = parent.arguments.indexOf(used as TSESTree.Identifier);
    return index >= 0 && !(index > 0 && parent.type === AST_NODE_TYPES.CallExpression && isObjectMerge(parent));
  })) return undefined;
  return init?.type === AST_NODE_TYPES.ObjectExpression ? init : undefined;
}


/**
 * For libraries bounded by default: a finding only when the creation turns the bound off (`timeout: 0`,
 * `timeout: Infinity`); the fix restores the library's default.
 */
export function forbidDisabledOption(index: number, key: string, restore: string, remedy: string): SourceOnlyCheck {
  return (node, sourceCode) => {
    const options = creationOptions(sourceCode, node, index);
    if (typeof options === 'string') return undefined;
    const facts = readOptions(options);
    const value = facts === 'unknown' ? undefined : facts.get(key);
    if (!value || isSet(value)) return undefined;
    const target = unwrapExpression(value);
    if (target.type !== AST_NODE_TYPES.Literal && target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    return { label: creationLabel(sourceCode, node), remedy, fix: (fixTarget) => setCreationOption(fixTarget, node, index, key, restore) };
  };
}

const PG_TIMEOUTS = '{ statement_timeout: 5_000, query_timeout: 10_000 }';

/**
 * For ORMs on PostgreSQL that hand an options object to the pg driver (Sequelize's `dialectOptions`, TypeORM's
 * `extra`): a finding when that object sets no `statement_timeout`/`query_timeout`; the fix sets both there.
 */
export function pgDriverOptionsFinding(
  sourceCode: SourceCode, node: Creation, options: TSESTree.ObjectExpression, key: string, where: string,
): CreationFinding | undefined {
  const facts = readOptions(options);
  if (facts === 'unknown') return undefined;
  const driverOptions = facts.get(key);
  const inner = driverOptions && unwrapExpression(driverOptions);
  if (inner && (inner.type !== AST_NODE_TYPES.ObjectExpression || optionsBound(inner, ['statement_timeout', 'query_timeout', 'options']) !== 'unbounded')) {
    return undefined;
  }
  return {
    label: creationLabel(sourceCode, node),
    remedy: `set \`${key}: { statement_timeout, query_timeout }\` where ${where} is created`,
    fix({ sourceCode: code }) {
      const edits = new SourceEdits();
      if (inner?.type === AST_NODE_TYPES.ObjectExpression) {
        edits.replace(inner.range, objectTextWith(code, inner, { set: [['statement_timeout', '5_000'], ['query_timeout', '10_000']] }));
      } else {
        edits.replace(options.range, objectTextWith(code, options, { set: [[key, PG_TIMEOUTS]] }));
      }
      return { edits, option: `${key}: ${PG_TIMEOUTS}` };
    },
  };
}
