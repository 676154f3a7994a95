import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { libraryOf, type ClientValue } from '../libraries/index.js';
import { getFileNodes } from './loops.js';
import type { ProjectContext } from '../project/summaries.js';
import { isProjectValue, type Value } from '../project/values.js';
import type { DeclaredTypes } from './declared-types.js';
import { enclosingClassBody, memberKeyName, staticPropertyName } from './member-syntax.js';
import { isEmptyStart, isSet, readOptions } from './syntax.js';
import { instanceMember } from './value-operations.js';
import { returnedExpression } from '../project/function-returns.js';

/**
 * What `this.http` holds inside a class, for the Evaluator: the field's initialiser, what the constructor or a method
 * assigns, the declared type of the field or parameter property, a getter's, or the member a project class it extends
 * has.
 */
export class ClassFields {
  private readonly fieldsInProgress = new Set<string>();
  private writesByField: Map<string, TSESTree.AssignmentExpression[]> | undefined;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly types: DeclaredTypes,
    private readonly evaluate: (node: TSESTree.Node) => Value | undefined,
    private readonly project: ProjectContext | undefined,
  ) {}

  value(classBody: TSESTree.ClassBody, name: string): Value | undefined {
    const local = this.project?.local;
    if (local) {
      const method = local.methodValue(classBody, name);
      if (method) return method;
    }
    let annotated: TSESTree.Node | undefined;
    for (const element of classBody.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && memberKeyName(element) === name) {
        // `#gmail: Gmail | null = null`, made once the account is known: the writes say what it holds
        if (element.value && !isEmptyStart(element.value)) return this.evaluate(element.value);
        annotated = element;
      }
    }
    const constructor = classBody.body.find((element): element is TSESTree.MethodDefinition =>
      element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor');
    for (const param of constructor?.value.params ?? []) {
      if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
      if (param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) annotated = param.parameter;
      // `private backoff = new Backoff()`: what it holds unless a maker hands another, which its default says best
      if (param.parameter.type === AST_NODE_TYPES.AssignmentPattern && param.parameter.left.type === AST_NODE_TYPES.Identifier && param.parameter.left.name === name) {
        const made = this.evaluate(param.parameter.right);
        if (made) return made;
        annotated = param.parameter.left;
      }
    }
    let assignedFirst = false;
    for (const statement of constructor?.value.body?.body ?? []) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const expression = statement.expression;
      if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '='
        && expression.left.type === AST_NODE_TYPES.MemberExpression
        && expression.left.object.type === AST_NODE_TYPES.ThisExpression && staticPropertyName(expression.left) === name) {
        // an injected dependency (`this.redis = redis`) says less than the field's declared type
        const assigned = this.evaluate(expression.right);
        if (assigned) return assigned;
        assignedFirst = true;
        break;
      }
    }
    if (!assignedFirst) {
      const assigned = this.assignedInClass(classBody, name);
      if (assigned) return assigned;
    }
    if (annotated) return this.types.ofDeclaration(annotated);
    const made = this.madeByGetter(classBody, name);
    if (made) return made;
    const getter = this.types.ofGetter(classBody, name);
    if (getter) return getter;
    // Not declared here: inherited from a class of the project (`class Discord extends NotificationProvider`)
    const owner = classBody.parent;
    const base = this.project && owner && 'superClass' in owner && owner.superClass ? this.evaluate(owner.superClass) : undefined;
    return base && isProjectValue(base) && base.kind === 'project-class' ? instanceMember(base.cls, name) : undefined;
  }

  /**
   * `get client() { return axios.create(...) }`: a getter that makes a client on every read, each made alike. What it
   * returns says how, more than its declared type does.
   */
  private madeByGetter(classBody: TSESTree.ClassBody, name: string): Value | undefined {
    const getter = classBody.body.find((element): element is TSESTree.MethodDefinition =>
      element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'get' && !element.static && memberKeyName(element) === name);
    const body = getter?.value.type === AST_NODE_TYPES.FunctionExpression ? getter.value : undefined;
    const returned = body && returnedExpression(body, this.sourceCode.visitorKeys);
    const value = returned && this.evaluate(returned);
    return value && !isProjectValue(value) ? value : undefined;
  }

  /** Every `this.x = ...` of the file, by its class and field (`<class start>:x`), gathered once. */
  private fieldWrites(): Map<string, TSESTree.AssignmentExpression[]> {
    if (this.writesByField) return this.writesByField;
    const writes = new Map<string, TSESTree.AssignmentExpression[]>();
    for (const assignment of getFileNodes(this.sourceCode).assignments) {
      if (assignment.operator !== '=' || assignment.left.type !== AST_NODE_TYPES.MemberExpression || assignment.left.object.type !== AST_NODE_TYPES.ThisExpression) continue;
      const field = staticPropertyName(assignment.left);
      const owner = field === undefined ? undefined : enclosingClassBody(assignment);
      if (!owner) continue;
      const key = `${owner.range[0]}:${field}`;
      writes.set(key, [...(writes.get(key) ?? []), assignment]);
    }
    this.writesByField = writes;
    return writes;
  }

  /**
   * `this.http` assigned under a condition of the constructor or (re)made in a method (`this.http = axios.create(...)`
   * once the token is known): the client every write gives, when each gives one of the same library. Made with
   * differing bounds, how it was made is left unknown (bounded).
   */
  private assignedInClass(classBody: TSESTree.ClassBody, name: string): ClientValue | undefined {
    const key = `${classBody.range[0]}:${name}`;
    if (this.fieldsInProgress.has(key)) return undefined;
    const writes = this.fieldWrites().get(key);
    if (!writes) return undefined;
    this.fieldsInProgress.add(key);
    const values: ClientValue[] = [];
    try {
      for (const write of writes) {
        const assigned = this.evaluate(write.right);
        if (!assigned || isProjectValue(assigned) || (values[0] && values[0].kind !== assigned.kind)) return undefined;
        values.push(assigned);
      }
    } finally {
      this.fieldsInProgress.delete(key);
    }
    const [first] = values;
    if (!first || values.every((made) => made.origin === first.origin)) return first;
    const bounds = new Set(values.map((made) => creationBound(made)));
    return bounds.size === 1 && !bounds.has('unknown') ? { ...first, madeInSeveralPlaces: true } : { ...first, options: [null] };
  }
}

/** Whether a client's creation options set one of its library's bounding options ('unknown' when they cannot be read). */
function creationBound(client: ClientValue): 'bounded' | 'unbounded' | 'unknown' {
  const names = libraryOf(client.kind)?.timeout?.instanceOptions ?? [];
  for (const options of client.options) {
    if (options === null) return 'unknown';
    const facts = readOptions(options);
    if (facts === 'unknown') return 'unknown';
    if (names.some((option) => isSet(facts.get(option)))) return 'bounded';
  }
  return 'unbounded';
}
