import type { TSESTree } from '@typescript-eslint/utils';
import type { ModuleSummary } from './summarize.js';
import { isProjectValue, type ClassFact, type Value } from './values.js';

/**
 * Values as they leave a module's summary for the rest of the process, holding none of the module's tree: a summary
 * caches what it answered for as long as the process lints, and a node of the tree (whose `parent` links reach every
 * other node) would keep the whole module in memory with it.
 *
 * What rules read of another module's nodes is small: the properties of a client's creation options (copied, with
 * their own subtree) and the identity of the expression that created a client (a stand-in with its type and range).
 * A class or object of the module answers its members on demand; its detached stand-in remembers how it was reached
 * from the module's exports (`Api` -> its class -> field `http`), and asks the module's summary again along that path,
 * on a tree parsed again if the old one was dropped.
 */

/** One step from a value of the module to the next (`value.cls`, `cls.method('get')`), naming no node. */
type Step = (from: unknown) => unknown;

/** How a detached value was reached: from the module's summary, then steps. */
export interface ValuePath {
  readonly root: (summary: ModuleSummary) => unknown;
  readonly steps: readonly Step[];
}

/** The module's summary on its tree, for the time of one computation (parsed again if the tree was dropped). */
export type UseSummary = <T>(compute: (summary: ModuleSummary) => T) => T | undefined;

/**
 * The stand-ins of creations reported where they are made (`axios.create(...)` handed to the module's own classes,
 * reported by require-timeout there): its fix there bounds every importer's call too, so those are not reported again.
 */
const reportedInTheirModule = new WeakSet<TSESTree.Node>();

/** Whether a client's creation, made in another module, is reported in that module. */
export function isReportedInItsModule(creation: TSESTree.Node): boolean {
  return reportedInTheirModule.has(creation);
}

/** Whether the module reports this creation of a client of this kind (asked while its tree is live). */
export type CreationReported = (creation: TSESTree.Node, kind: string) => boolean;

/** Everything this file made: handed back as it is when it passes through another module's summary. */
const detached = new WeakSet<object>();

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range);
}

/** The values of one module, detached from its tree. Created once per module summary. */
export class DetachedValues {
  /** Stand-ins keep the identity of a creation expression across answers (`api.defaults.timeout = ...`, then `api.get()`). */
  private readonly origins = new Map<number, TSESTree.Node>();
  private readonly copies = new Map<string, TSESTree.Node>();

  constructor(private readonly use: UseSummary, private readonly creationReported: CreationReported = () => false) {}

  value(value: Value | undefined, path: ValuePath): Value | undefined {
    if (value === undefined || detached.has(value)) return value;
    let result: Value;
    if (!isProjectValue(value)) result = this.plain(value) as Value;
    else if (value.kind === 'project-class' || value.kind === 'project-instance') {
      const destination = value.kind === 'project-instance' ? value.destination : undefined;
      result = {
        kind: value.kind,
        cls: this.classFact(value.cls, extend(path, (from) => (from as { cls: ClassFact }).cls)),
        ...(destination === undefined ? {} : { destination }),
      } as Value;
    } else if (value.kind === 'project-object') {
      result = { kind: value.kind, name: value.name, members: this.members(value.members, extend(path, (from) => (from as { members: unknown }).members)) };
    } else if (value.kind === 'project-factory') {
      result = {
        kind: value.kind,
        result: this.value(value.result, extend(path, (from) => (from as { result: unknown }).result))!,
        ...(value.optionsParameter === undefined ? {} : { optionsParameter: value.optionsParameter }),
      };
    } else result = this.plain(value) as Value;
    detached.add(result);
    return result;
  }

  private classFact(cls: ClassFact, path: ValuePath): ClassFact {
    if (detached.has(cls)) return cls;
    const methods = new Map<string, Value | null>();
    const fields = new Map<string, Value | null>();
    const statics = new Map<string, Value | null>();
    let base: ReturnType<ClassFact['clientBase']> | null | undefined;
    let creation: ReturnType<ClassFact['creationBound']> | null | undefined;
    let creationBase: ReturnType<ClassFact['creationBase']> | null | undefined;
    const ask = <T>(question: (live: ClassFact) => T): T | undefined => this.use((summary) => {
      const live = follow(summary, path) as ClassFact | undefined;
      return live && question(live);
    });
    const fact: ClassFact = {
      name: cls.name,
      method: (name) => remember(methods, name, () => this.value(ask((live) => live.method(name)), extend(path, (from) => (from as ClassFact).method(name)))),
      field: (name) => remember(fields, name, () => this.value(ask((live) => live.field(name)), extend(path, (from) => (from as ClassFact).field(name)))),
      staticMember: (name) => remember(statics, name, () => this.value(ask((live) => live.staticMember(name)), extend(path, (from) => (from as ClassFact).staticMember(name)))),
      clientBase: () => {
        if (base === undefined) {
          base = null; // a class that extends itself through a cycle has no client base
          const found = ask((live) => live.clientBase());
          base = found ? (this.plain(found) as typeof found) : null;
          if (base) detached.add(base);
        }
        return base ?? undefined;
      },
      creationBound: () => {
        if (creation === undefined) {
          creation = null;
          creation = ask((live) => live.creationBound()) ?? null; // plain data: names and an index
        }
        return creation ?? undefined;
      },
      creationBase: () => {
        if (creationBase === undefined) {
          creationBase = null;
          creationBase = ask((live) => live.creationBase()) ?? null; // plain data: indexes and option names
        }
        return creationBase ?? undefined;
      },
    };
    detached.add(fact);
    return fact;
  }

  private members(members: { get(name: string): Value | undefined }, path: ValuePath): { get(name: string): Value | undefined } {
    if (detached.has(members)) return members;
    const answers = new Map<string, Value | null>();
    const copy = {
      get: (name: string) => remember(answers, name, () => {
        const found = this.use((summary) => (follow(summary, path) as typeof members | undefined)?.get(name));
        return this.value(found, extend(path, (from) => (from as typeof members).get(name)));
      }),
    };
    detached.add(copy);
    return copy;
  }

  /** A value with no behaviour of its own (a client value, a wrapper's facts): its nodes copied, the rest as it is. */
  private plain(value: object): object {
    const copy: Record<string, unknown> = {};
    let changed = false;
    for (const [key, field] of Object.entries(value)) {
      if (key === 'origin' && isNode(field)) copy[key] = this.origin(field, (value as { kind?: unknown }).kind);
      else if (isNode(field)) copy[key] = this.node(field);
      else if (Array.isArray(field)) copy[key] = field.some(isNode) ? field.map((item) => (isNode(item) ? this.node(item) : item)) : field;
      else if (key === 'wrapper' && typeof field === 'object' && field !== null) copy[key] = this.plain(field);
      else copy[key] = field;
      changed ||= copy[key] !== field;
    }
    return changed ? copy : value;
  }

  private origin(node: TSESTree.Node, kind: unknown): TSESTree.Node {
    if (detached.has(node)) return node;
    let standIn = this.origins.get(node.range[0]);
    if (!standIn) {
      standIn = { type: node.type, range: node.range } as TSESTree.Node;
      detached.add(standIn);
      if (typeof kind === 'string' && this.creationReported(node, kind)) reportedInTheirModule.add(standIn);
      this.origins.set(node.range[0], standIn);
    }
    return standIn;
  }

  private node(node: TSESTree.Node): TSESTree.Node {
    if (detached.has(node)) return node;
    const key = `${node.type}:${node.range[0]}:${node.range[1]}`;
    let copy = this.copies.get(key);
    if (!copy) {
      copy = copyTree(node, undefined);
      detached.add(copy);
      this.copies.set(key, copy);
    }
    return copy;
  }
}

function extend(path: ValuePath, step: Step): ValuePath {
  return { root: path.root, steps: [...path.steps, step] };
}

function follow(summary: ModuleSummary, path: ValuePath): unknown {
  let current = path.root(summary);
  for (const step of path.steps) {
    if (current === undefined || current === null) return undefined;
    current = step(current);
  }
  return current ?? undefined;
}

/** An answer computed once; asked again while it is being computed (a cycle), it is nothing, as in the summaries. */
function remember(answers: Map<string, Value | null>, name: string, compute: () => Value | undefined): Value | undefined {
  const known = answers.get(name);
  if (known !== undefined) return known ?? undefined;
  answers.set(name, null);
  const found = compute();
  answers.set(name, found ?? null);
  return found;
}

/** A copy of a subtree whose `parent` links stay inside it: the copy's root has no parent. */
function copyTree(node: TSESTree.Node, parent: TSESTree.Node | undefined): TSESTree.Node {
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (isNode(field)) copy[key] = copyTree(field, copy as unknown as TSESTree.Node);
    else if (Array.isArray(field)) copy[key] = field.map((item) => (isNode(item) ? copyTree(item, copy as unknown as TSESTree.Node) : item));
    else copy[key] = field;
  }
  copy['parent'] = parent;
  return copy as unknown as TSESTree.Node;
}
