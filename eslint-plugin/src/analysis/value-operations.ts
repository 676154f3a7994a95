import type { TSESTree } from '@typescript-eslint/utils';
import { constructOf, instanceOfType, memberOf } from '../libraries/index.js';
import { isProjectValue, type ClassFact, type Value } from '../project/values.js';

/** A value's member, its construction and its instances, the same for a library's client and the project's classes. */

export function member(value: Value, name: string): Value | undefined {
  if (!isProjectValue(value)) return memberOf(value, name);
  switch (value.kind) {
    case 'project-object':
      return value.members.get(name);
    case 'project-instance': {
      const found = instanceMember(value.cls, name);
      // made with the page's origin as its base, its methods' calls go there (see creation-base.ts)
      if (value.destination && found && isProjectValue(found) && found.kind === 'project-wrapper' && !found.wrapper.destination) {
        return { kind: 'project-wrapper', wrapper: { ...found.wrapper, destination: value.destination } };
      }
      return found;
    }
    case 'project-class':
      return value.cls.staticMember(name);
    default:
      return undefined;
  }
}

export function instanceMember(cls: ClassFact, name: string): Value | undefined {
  return cls.method(name) ?? cls.field(name);
}

export function construct(value: Value, node: TSESTree.NewExpression): Value | undefined {
  if (!isProjectValue(value)) return constructOf(value, node);
  if (value.kind !== 'project-class') return undefined;
  return value.cls.clientBase() ? constructOf(value.cls.clientBase()!, node) : { kind: 'project-instance', cls: value.cls };
}

/** What a value typed with this class holds: an instance of the client class it extends, or of the class itself. */
export function instanceOf(value: Value): Value | undefined {
  if (!isProjectValue(value)) return instanceOfType(value);
  if (value.kind !== 'project-class') return undefined;
  return value.cls.clientBase() ? instanceOfType(value.cls.clientBase()!) : { kind: 'project-instance', cls: value.cls };
}
