import { isAbsolute } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { asDelay, calleeName } from './delays.js';
import { getExternalCalls } from './external-calls.js';
import { importedFrom } from './imported-from.js';
import { readProjectFile } from '../project/files.js';
import { resolveProjectModule } from '../project/resolution.js';
import { sameFileFunction, walkSameFunction } from './loops.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Code that asks the person at the terminal: a loop or a self-call that asks again after an invalid answer (a key
 * file that does not parse, a token refused) lets the person decide each try; it retries no dependency.
 */

/** `inquirer.prompt(...)`, `promptAsync(...)`, `api.twoFactorPrompt()`, `askForName()`, `getNameInput()`. */
const PROMPT_NAME = /[pP]rompt|inquir|^ask(?:[A-Z]|$)|^get\w*Input$/;
/** Words that ask only as a function of their own (`confirm(...)`): as a method they are a client's too (`paymentIntents.confirm`, `db.select`). */
const PROMPT_WORD = /^(?:confirm|select|question)$/;
/**
 * An object named for asking, handed to a command (`client.input.text({ message })`, `this.prompter.select(...)`):
 * its methods that name a kind of question, given the question, ask the person. All three are needed:
 * `response.text()`, a Request named `input` read with `input.text()`, and `db.select(...)` ask no one.
 */
const PROMPTER_OBJECT = /^(?:input|prompts?|prompter)$/i;
const QUESTION_KIND = /^(?:text|select|confirm|checkbox|password|list|expand|rawlist|search|autocomplete|multiselect|editor|number|question)$/;
/** A terminal's line reader (`reader`, `rl`, `lineEditor`) and its method reading the next typed line. */
const LINE_READER = /^(?:reader|rl|readline|lineReader|lineEditor|editor|terminal|tty)$/i;
const READ_LINE = /^(?:readLine|readline|question)$/;
/** Libraries whose every call asks: `input(...)` from `@inquirer/prompts`, `text(...)` from `@clack/prompts`. */
const PROMPT_MODULES = /prompt|inquirer|enquirer|^(?:node:)?readline(?:\/promises)?$/;
/** How many calls deep a prompt is looked for: the attempt calls a method that asks. */
const MAX_DEPTH = 2;

/** Whether `root` awaits a prompt, itself or through functions and methods of this file it awaits. */
export function asksTheUser(context: Context, root: TSESTree.Node, depth = 0, visiting = new Set<TSESTree.Node>()): boolean {
  let asks = false;
  walkSameFunction(root, context.sourceCode.visitorKeys, (node) => {
    if (asks || node.type !== AST_NODE_TYPES.AwaitExpression || node.argument.type !== AST_NODE_TYPES.CallExpression) return;
    const call = node.argument;
    if (asksThroughPrompter(call)) {
      asks = true;
      return;
    }
    // a request of a client is what is retried, whatever its name; a pause is a pause, whatever else its module holds
    // (a helpers module with a sign-in question beside `delay`)
    if (getExternalCalls(context).get(call) || asDelay(context, call)) return;
    const name = calleeName(call.callee);
    const module = importedFrom(context, call.callee);
    const asksByName = name !== undefined && (PROMPT_NAME.test(name) || (call.callee.type === AST_NODE_TYPES.Identifier && PROMPT_WORD.test(name)));
    if (asksByName || (module !== undefined && (PROMPT_MODULES.test(module) || projectModuleAsks(module, context.physicalFilename)))) {
      asks = true;
      return;
    }
    const callee = depth < MAX_DEPTH ? sameFileFunction(context.sourceCode, call) : undefined;
    if (!callee || visiting.has(callee)) return;
    visiting.add(callee);
    asks = asksTheUser(context, callee.body, depth + 1, visiting);
  });
  return asks;
}

function asksThroughPrompter(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  const object = callee.object;
  const objectName = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? calleeName(object) : undefined;
  if (objectName === undefined) return false;
  if (PROMPTER_OBJECT.test(objectName) && QUESTION_KIND.test(callee.property.name) && call.arguments.length > 0) return true;
  // an interactive shell's line reader shown its prompt (`await reader.readLine(prompt)`): the person types each line
  return LINE_READER.test(objectName) && READ_LINE.test(callee.property.name) && call.arguments.some(isPromptArgument);
}

/** `prompt`, `promptText`, `'> '`, `pending ? '-> ' : '=> '`: what a line reader shows before the person types. */
function isPromptArgument(argument: TSESTree.Node): boolean {
  if (argument.type === AST_NODE_TYPES.ConditionalExpression) return isPromptArgument(argument.consequent) && isPromptArgument(argument.alternate);
  return (argument.type === AST_NODE_TYPES.Identifier && /prompt/i.test(argument.name)) || (argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string')
    || argument.type === AST_NODE_TYPES.TemplateLiteral;
}

/**
 * A module of the project that imports a prompt library: what it exports asks the person (apify-cli's
 * `useUserInput` in `hooks/user-confirmations/`, wrapping `@inquirer/input`). Its own imports are read from its
 * text; answered once per module.
 */
function projectModuleAsks(specifier: string, fromFile: string): boolean {
  if (!isAbsolute(fromFile) || (!specifier.startsWith('.') && !specifier.includes('/'))) return false;
  const path = resolveProjectModule(specifier, fromFile);
  if (!path) return false;
  let answer = modulesAsking.get(path);
  if (answer === undefined) {
    const text = readProjectFile(path) ?? '';
    answer = [...text.matchAll(IMPORTED_SPECIFIER)].some((match) => PROMPT_MODULES.test(match[1]!));
    if (modulesAsking.size >= MAX_REMEMBERED_MODULES) modulesAsking.clear();
    modulesAsking.set(path, answer);
  }
  return answer;
}

const IMPORTED_SPECIFIER = /\b(?:from|import|require)\s*\(?\s*['"]([^'"\n]+)['"]/g;
const MAX_REMEMBERED_MODULES = 10_000;
const modulesAsking = new Map<string, boolean>();
