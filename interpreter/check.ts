// Parser front end and grammar checker for PipyJS.
//
// PipyJS is a small subset of JavaScript: a script is exactly one expression, the only functions
// are arrows with an expression body, and there are no statements at all. Rather than write a
// parser, we let acorn parse full JavaScript and then walk the tree, rejecting everything outside
// the subset with a message that names the construct and says what to write instead. All
// violations are collected, so an author sees every problem in one go.
//
// Scripts are untrusted, so size and depth are bounded before acorn runs (source length, and
// bracket depth from a flat token scan) and after it (tree depth). Every walk in this file uses an
// explicit stack: a hostile script must get a diagnostic, never a host RangeError.

import * as acorn from 'acorn';
import type {
  AnyNode,
  ArrayExpression,
  ArrayPattern,
  CallExpression,
  Expression,
  ForStatement,
  Function as FunctionNode,
  Literal,
  NewExpression,
  Program,
  Property,
  Statement,
  Token,
  VariableDeclaration,
} from 'acorn';
import { assert, type Diagnostic } from './errors.js';

export interface ParseLimits {
  maxSourceLength: number;
  maxBracketDepth: number;
  maxNesting: number;
}

export const defaultParseLimits: ParseLimits = Object.freeze({
  maxSourceLength: 8 * 1024 * 1024,
  maxBracketDepth: 256,
  maxNesting: 1000,
});

export interface ParseResult {
  expression: Expression | null;
  diagnostics: Diagnostic[];
}

/** `filename` is accepted for the loader's convenience; diagnostics carry positions only. */
export interface ParseOptions {
  filename?: string;
  limits?: Partial<ParseLimits>;
}

// The options past the first three turn acorn errors (top-level return, import/export, await,
// super, `#x`) into trees so that those constructs get PipyJS's own explanation. None of them
// lets a script through: the checker rejects every node they make possible.
const acornOptions: acorn.Options = {
  ecmaVersion: 'latest',
  sourceType: 'script',
  locations: true,
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowAwaitOutsideFunction: true,
  allowSuperOutsideMethod: true,
  checkPrivateFields: false,
};

// ---------------------------------------------------------------------------------------------
// Messages. Each rejected construct has its own sentence, so a test (or a user) can tell them apart.

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function leadingZeroMessage(raw: string): string {
  const decimal = raw.replace(/^0+(?=\d)/, '');
  const fix = /^[0-7]+$/.test(raw) ? `0o${decimal} for octal or ${decimal} for decimal` : decimal;
  return `legacy octal and leading-zero number literals (${raw}) are not supported in PipyJS: write ${fix}`;
}

function regexMessage(pattern: string, flags: string): string {
  const args = flags ? `${quote(pattern)}, ${quote(flags)}` : quote(pattern);
  return `regular-expression literals (/…/) are not supported in PipyJS: use new RegExp(${args})`;
}

function functionMessage(node: FunctionNode, declaration: boolean): string {
  if (node.generator) return M.generator;
  if (node.async) return M.asyncFunction;
  return declaration ? M.functionDeclaration : M.functionExpression;
}

const loops = 'iterate with array methods such as forEach, map, filter or reduce';
const noStatements = 'a PipyJS script is one expression';

const M = {
  tooLong: (length: number, max: number) =>
    `script too long: ${length} characters, more than the limit of ${max}`,
  brackets: (max: number) => `expression nested too deeply: more than ${max} levels of brackets`,
  nesting: (max: number) => `expression nested too deeply: more than ${max} levels of nesting`,
  stack: 'expression nested too deeply: the parser ran out of stack space',
  empty: `empty script: ${noStatements}, e.g. pipy().listen(8080)`,
  extraStatement: `${noStatements}: join expressions with the comma operator, e.g. (a(), b())`,
  semicolon: `';' is not supported in PipyJS: ${noStatements} without statement separators; remove it, or join expressions with the comma operator`,
  declaration: (kind: string) =>
    `'${kind}' declarations are not supported in PipyJS: declare context variables with pipy({ name: value }), or bind values as arrow-function parameters`,
  if: "'if' statements are not supported in PipyJS: use the conditional operator (cond ? a : b)",
  for: `'for' loops are not supported in PipyJS: ${loops}`,
  forIn: "'for-in' loops are not supported in PipyJS: use Object.keys(obj).forEach(key => …)",
  forOf: "'for-of' loops are not supported in PipyJS: use array.forEach(item => …)",
  while: `'while' loops are not supported in PipyJS: ${loops}`,
  doWhile: `'do-while' loops are not supported in PipyJS: ${loops}`,
  switch: "'switch' statements are not supported in PipyJS: chain conditional operators (a ? x : b ? y : z) or look the value up in an object",
  try: "'try' statements are not supported in PipyJS: there is no exception handling; check values before using them",
  throw: "'throw' statements are not supported in PipyJS: return a value that signals the failure, or log it with console.log",
  return: "'return' statements are not supported in PipyJS: an arrow function returns the value of its body expression (x => x + 1)",
  break: "'break' statements are not supported in PipyJS: there are no loops; use array methods such as find or some to stop early",
  continue: "'continue' statements are not supported in PipyJS: there are no loops; skip items with array methods such as filter",
  label: 'labeled statements (name: …) are not supported in PipyJS: to write an object literal here, wrap it in parentheses: ({ key: value })',
  with: "'with' statements are not supported in PipyJS: name the object explicitly (obj.key)",
  debugger: "'debugger' statements are not supported in PipyJS: inspect values with console.log",
  block: 'block statements ({ … }) are not supported in PipyJS: to write an object literal here, wrap it in parentheses: ({ … })',
  functionDeclaration: 'function declarations are not supported in PipyJS: use an arrow function, e.g. (a, b) => a + b',
  functionExpression: "'function' expressions are not supported in PipyJS: use an arrow function, e.g. (a, b) => a + b",
  generator: 'generator functions (function*) are not supported in PipyJS: build an array with an arrow function instead',
  asyncFunction: 'async functions are not supported in PipyJS: use an arrow function; asynchronous work is done by pipeline filters',
  asyncArrow: 'async arrow functions are not supported in PipyJS: drop async; asynchronous work is done by pipeline filters',
  classDeclaration: 'class declarations are not supported in PipyJS: build objects with object literals and arrow functions',
  classExpression: 'class expressions are not supported in PipyJS: build objects with object literals and arrow functions',
  this: "'this' is not supported in PipyJS: pass the object to the arrow function as a parameter",
  super: "'super' is not supported in PipyJS: there are no classes",
  arrowBlock: 'arrow functions with a block body (=> { … }) are not supported in PipyJS: the body must be one expression; to return an object, wrap it in parentheses: x => ({ … })',
  defaultValue: 'default values (name = value) in parameters and patterns are not supported in PipyJS: write name ?? value where the value is used',
  rest: 'rest elements (...name) in parameters and patterns are not supported in PipyJS: pass an array, or take its elements with slice()',
  spreadArgument: 'spread arguments (f(...args), new F(...args)) are not supported in PipyJS: pass the array as one argument',
  regex: regexMessage,
  taggedTemplate: 'tagged templates (tag`…`) are not supported in PipyJS: call the function with an untagged template, tag(`…`)',
  await: "'await' is not supported in PipyJS: there are no async functions; asynchronous work is done by pipeline filters",
  yield: "'yield' is not supported in PipyJS: there are no generator functions",
  importDeclaration: "'import' declarations are not supported in PipyJS: use the .import({ name: 'namespace' }) configuration method",
  dynamicImport: "dynamic import() is not supported in PipyJS: use the .import({ name: 'namespace' }) configuration method",
  importMeta: "'import.meta' is not supported in PipyJS: the module path is available as __filename",
  export: "'export' declarations are not supported in PipyJS: use the .export('namespace', { name: value }) configuration method",
  getter: 'getters (get key() { … }) in object literals are not supported in PipyJS: write key: (args) => expr, or a plain key: value',
  setter: 'setters (set key(v) { … }) in object literals are not supported in PipyJS: write key: (args) => expr and call it',
  method: 'methods (key() { … }) in object literals are not supported in PipyJS: write key: (args) => expr',
  arrayHole: 'array holes ([1,,2]) are not supported in PipyJS: write undefined for the missing element ([1, undefined, 2])',
  patternHole: 'holes in array patterns ([, b]) are not supported in PipyJS: name every element, e.g. [_a, b]',
  bigint: (raw: string) => `BigInt literals (${raw}) are not supported in PipyJS: use a plain number`,
  separator: (raw: string) =>
    `numeric separators (${raw}) are not supported in PipyJS: write the digits without underscores (${raw.replace(/_/g, '')})`,
  leadingZero: leadingZeroMessage,
  newTarget: "'new.target' is not supported in PipyJS: there are no constructor functions",
  privateName: (name: string) =>
    `private names (#${name}) are not supported in PipyJS: there are no classes; use an ordinary property`,
  deleteName: (name: string) =>
    `'delete' of a plain variable (delete ${name}) is not supported in PipyJS: only properties can be deleted (delete obj.${name})`,
  assignUndefined: "assignment to 'undefined' is not supported in PipyJS: undefined is a literal, not a variable",
  paramName: (name: string) =>
    `'${name}' cannot be a parameter name in PipyJS: ${name === 'undefined' ? 'undefined is a literal, not a variable' : 'choose another name'}`,
  reserved: (name: string) => `'${name}' is a reserved word in PipyJS and cannot be used as a name: choose another name`,
  unsupported: (type: string) => `${type} is not supported in PipyJS`,
};

// Words reserved by PipyJS that sloppy-mode acorn still accepts as identifiers.
const reservedWords = new Set([
  'let', 'static', 'async', 'implements', 'interface', 'package', 'private', 'protected', 'public',
]);
const forbiddenParams = new Set(['undefined', 'arguments', 'eval']);

// ---------------------------------------------------------------------------------------------
// Entry points.

/** Parse with acorn and check against the PipyJS grammar. expression is non-null iff diagnostics is empty. */
export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const limits = resolveLimits(options.limits);
  if (source.length > limits.maxSourceLength) {
    return failed([{ message: M.tooLong(source.length, limits.maxSourceLength), line: 1, column: 1 }]);
  }
  const scan = scanTokens(source, limits.maxBracketDepth);
  if (scan.error) return failed([scan.error]);
  const parsed = parseProgram(source);
  if ('error' in parsed) return failed([parsed.error]);
  const tooDeep = checkDepth(parsed.program, limits.maxNesting);
  if (tooDeep) return failed([tooDeep]);
  const diagnostics = new Checker(scan).run(parsed.program);
  if (diagnostics.length > 0) return failed(diagnostics);
  return { expression: onlyExpression(parsed.program), diagnostics };
}

/** Every violation, sorted by (line, column). */
export function check(source: string, options: ParseOptions = {}): Diagnostic[] {
  return parse(source, options).diagnostics;
}

function resolveLimits(overrides: Partial<ParseLimits> = {}): ParseLimits {
  const limits = { ...defaultParseLimits };
  for (const key of Object.keys(limits) as Array<keyof ParseLimits>) {
    const value = overrides[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

const failed = (diagnostics: Diagnostic[]): ParseResult => ({ expression: null, diagnostics });

function onlyExpression(program: Program): Expression {
  const [statement] = program.body;
  assert(program.body.length === 1 && statement?.type === 'ExpressionStatement', 'checked program is one expression');
  return statement.expression;
}

function at(position: acorn.Position | undefined, message: string): Diagnostic {
  return { message, line: position?.line ?? 1, column: (position?.column ?? 0) + 1 };
}

// ---------------------------------------------------------------------------------------------
// Stage 1: a flat token scan. It bounds bracket depth before acorn's recursive descent runs, and
// keeps the tokens the tree does not record: semicolons, and the commas that mark array holes.

interface TokenScan {
  semicolons: Token[];
  commas: Token[];
  error?: Diagnostic;
}

const tt = acorn.tokTypes;
const openers = new Set([tt.parenL, tt.bracketL, tt.braceL, tt.dollarBraceL]);
const closers = new Set([tt.parenR, tt.bracketR, tt.braceR]);

function scanTokens(source: string, maxDepth: number): TokenScan {
  const scan: TokenScan = { semicolons: [], commas: [] };
  let depth = 0;
  try {
    for (const token of acorn.tokenizer(source, acornOptions)) {
      if (openers.has(token.type) && ++depth > maxDepth) {
        scan.error = at(token.loc?.start, M.brackets(maxDepth));
        break;
      }
      if (closers.has(token.type)) depth = Math.max(0, depth - 1);
      if (token.type === tt.semi) scan.semicolons.push(token);
      if (token.type === tt.comma) scan.commas.push(token);
    }
  } catch (error) {
    scan.error = acornDiagnostic(error);
  }
  return scan;
}

/** The first token starting at or after `pos` (tokens are in source order). */
function tokenAtOrAfter(tokens: Token[], pos: number): Token | undefined {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tokens[middle]!.start < pos) low = middle + 1;
    else high = middle;
  }
  return tokens[low];
}

// ---------------------------------------------------------------------------------------------
// Stage 2: acorn, then a bound on tree depth so that later recursive passes stay within the stack.

type Parsed = { program: Program } | { error: Diagnostic };

function parseProgram(source: string): Parsed {
  try {
    return { program: acorn.parse(source, acornOptions) };
  } catch (error) {
    return { error: acornDiagnostic(error) };
  }
}

function acornDiagnostic(error: unknown): Diagnostic {
  if (error instanceof SyntaxError && 'loc' in error) {
    const message = error.message.replace(/ \(\d+:\d+\)$/, '');
    const position = error.loc as acorn.Position;
    return at(position, message.startsWith('Not enough stack space') ? M.stack : message);
  }
  // acorn guards its own recursion, but a host overflow must still never escape to the caller.
  if (error instanceof RangeError) return at(undefined, M.stack);
  throw error;
}

function checkDepth(program: Program, maxNesting: number): Diagnostic | undefined {
  const stack: Array<[AnyNode, number]> = [[program, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > maxNesting) return at(node.loc?.start, M.nesting(maxNesting));
    for (const child of childNodes(node)) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** Children found by shape, so node types unknown to the checker are still measured and walked. */
function childNodes(node: AnyNode): AnyNode[] {
  const children: AnyNode[] = [];
  for (const value of Object.values(node)) {
    // A loop, not push(...items): spreading a million-element array would overflow the stack.
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) if (isNode(item)) children.push(item);
  }
  return children;
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

// ---------------------------------------------------------------------------------------------
// Stage 3: the grammar walk. A node is visited with the role of the place it sits in, because the
// same node type means different things there (an Identifier as a value, a parameter, a target).

type Role = 'stmt' | 'expr' | 'binding' | 'target';
type NodeType = AnyNode['type'];
type NodeOf<T extends NodeType> = Extract<AnyNode, { type: T }>;
type Handler<T extends NodeType> = (c: Checker, node: NodeOf<T>, role: Role) => void;
type Handlers = { [T in NodeType]?: Handler<T> };

class Checker {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly tasks: Array<{ node: AnyNode; role: Role }> = [];
  private readonly forHeadSemicolons = new Set<number>();

  constructor(private readonly scan: TokenScan) {}

  run(program: Program): Diagnostic[] {
    checkProgram(this, program);
    for (let task = this.tasks.pop(); task; task = this.tasks.pop()) this.visit(task.node, task.role);
    this.reportSemicolons();
    return sortUnique(this.diagnostics);
  }

  push(node: AnyNode | null | undefined, role: Role = 'expr'): void {
    if (node) this.tasks.push({ node, role });
  }

  pushAll(nodes: ReadonlyArray<AnyNode | null>, role: Role = 'expr'): void {
    for (const node of nodes) this.push(node, role);
  }

  /** The statements of a body, without a message for the braces that belong to their owner. */
  body(statement: Statement | null | undefined): void {
    if (statement?.type === 'BlockStatement') this.pushAll(statement.body, 'stmt');
    else this.push(statement, 'stmt');
  }

  reject(node: AnyNode, message: string): void {
    this.diagnostics.push(at(node.loc?.start, message));
  }

  /** Reports each hole of an array literal or pattern at the comma that makes it. */
  holes(node: ArrayExpression | ArrayPattern, message: string): void {
    let pos = node.start + 1;
    for (const element of node.elements) {
      const comma = tokenAtOrAfter(this.scan.commas, element ? element.end : pos);
      if (!element && comma) this.diagnostics.push(at(comma.loc?.start, message));
      pos = comma ? comma.end : pos;
    }
  }

  /** The two `;` of a `for (init; test; update)` head are part of the loop, not separators. */
  forHead(node: ForStatement): void {
    const first = tokenAtOrAfter(this.scan.semicolons, node.init ? node.init.end : node.start);
    const second = first && tokenAtOrAfter(this.scan.semicolons, node.test ? node.test.end : first.end);
    for (const semicolon of [first, second]) if (semicolon) this.forHeadSemicolons.add(semicolon.start);
  }

  private visit(node: AnyNode, role: Role): void {
    const handler = handlers[node.type] as Handler<NodeType> | undefined;
    if (handler) return handler(this, node, role);
    this.reject(node, M.unsupported(node.type));
    this.pushAll(childNodes(node));
  }

  private reportSemicolons(): void {
    for (const semicolon of this.scan.semicolons) {
      if (this.forHeadSemicolons.has(semicolon.start)) continue;
      this.diagnostics.push(at(semicolon.loc?.start, M.semicolon));
    }
  }
}

function sortUnique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  return sorted.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The first statement is the script's expression; anything after it is one too many. */
function checkProgram(c: Checker, program: Program): void {
  const statements = program.body.filter((statement) => statement.type !== 'EmptyStatement');
  if (statements.length === 0) return c.reject(program, M.empty);
  statements.forEach((statement, index) => {
    if (statement.type !== 'ExpressionStatement') return c.push(statement, 'stmt');
    if (index > 0) c.reject(statement, M.extraStatement);
    c.push(statement.expression);
  });
}

// ---------------------------------------------------------------------------------------------
// Problems that depend on a node's fields rather than its type.

function literalProblem(node: Literal): string | undefined {
  if (node.regex) return M.regex(node.regex.pattern, node.regex.flags);
  if (node.bigint !== undefined) return M.bigint(node.raw ?? `${node.bigint}n`);
  if (typeof node.value !== 'number' || node.raw === undefined) return undefined;
  if (node.raw.includes('_')) return M.separator(node.raw);
  if (/^0\d/.test(node.raw)) return M.leadingZero(node.raw);
  return undefined;
}

function identifierProblem(name: string, role: Role): string | undefined {
  if (name === 'await') return M.await;
  if (name === 'yield') return M.yield;
  if (reservedWords.has(name)) return M.reserved(name);
  if (role === 'binding' && forbiddenParams.has(name)) return M.paramName(name);
  if (role === 'target' && name === 'undefined') return M.assignUndefined;
  return undefined;
}

function propertyKindProblem(node: Property): string | undefined {
  if (node.kind === 'get') return M.getter;
  if (node.kind === 'set') return M.setter;
  return node.method ? M.method : undefined;
}

/** Patterns reached through the generic walk are treated as bindings. */
const patternRole = (role: Role): Role => (role === 'target' ? 'target' : 'binding');

// ---------------------------------------------------------------------------------------------
// Shared child walks.

function functionParts(c: Checker, node: FunctionNode): void {
  c.pushAll(node.params, 'binding');
  if (node.body.type === 'BlockStatement') c.pushAll(node.body.body, 'stmt');
  else c.push(node.body);
}

function declarators(c: Checker, node: VariableDeclaration): void {
  for (const declarator of node.declarations) {
    c.push(declarator.id, 'binding');
    c.push(declarator.init);
  }
}

function callArguments(c: Checker, node: CallExpression | NewExpression): void {
  c.push(node.callee);
  for (const argument of node.arguments) {
    if (argument.type === 'SpreadElement') c.reject(argument, M.spreadArgument);
    c.push(argument.type === 'SpreadElement' ? argument.argument : argument);
  }
}

/** Keys are names, not values, unless computed; literal keys are still checked for number forms. */
function propertyKey(c: Checker, node: { key: AnyNode; computed: boolean }): void {
  const key = node.key;
  if (node.computed || key.type === 'Literal' || key.type === 'PrivateIdentifier') c.push(key);
}

function classParts(c: Checker, node: NodeOf<'ClassDeclaration' | 'ClassExpression'>): void {
  c.push(node.superClass);
  c.pushAll(node.body.body, 'stmt');
}

// ---------------------------------------------------------------------------------------------
// Accepted expressions: walk into the children, rejecting only the forms that need a field check.

const expressionHandlers: Handlers = {
  Literal: (c, node) => {
    const problem = literalProblem(node);
    if (problem) c.reject(node, problem);
  },
  Identifier: (c, node, role) => {
    const problem = identifierProblem(node.name, role);
    if (problem) c.reject(node, problem);
  },
  TemplateLiteral: (c, node) => c.pushAll(node.expressions),
  ArrayExpression: (c, node) => {
    if (node.elements.includes(null)) c.holes(node, M.arrayHole);
    for (const element of node.elements) c.push(element?.type === 'SpreadElement' ? element.argument : element);
  },
  ObjectExpression: (c, node) => {
    for (const property of node.properties) c.push(property.type === 'SpreadElement' ? property.argument : property);
  },
  Property: (c, node) => {
    const problem = propertyKindProblem(node as Property);
    if (problem) c.reject(node, problem);
    propertyKey(c, node);
    if (problem && node.value.type === 'FunctionExpression') functionParts(c, node.value);
    else c.push(node.value);
  },
  ArrowFunctionExpression: (c, node) => {
    if (node.async) c.reject(node, M.asyncArrow);
    if (node.body.type === 'BlockStatement') c.reject(node.body, M.arrowBlock);
    functionParts(c, node);
  },
  MemberExpression: (c, node) => {
    c.push(node.object);
    if (node.computed || node.property.type === 'PrivateIdentifier') c.push(node.property);
  },
  CallExpression: callArguments,
  NewExpression: callArguments,
  ChainExpression: (c, node) => c.push(node.expression),
  UnaryExpression: (c, node) => {
    if (node.operator === 'delete' && node.argument.type === 'Identifier') {
      return c.reject(node, M.deleteName(node.argument.name));
    }
    c.push(node.argument);
  },
  UpdateExpression: (c, node) => c.push(node.argument, 'target'),
  BinaryExpression: (c, node) => c.pushAll([node.left, node.right]),
  LogicalExpression: (c, node) => c.pushAll([node.left, node.right]),
  ConditionalExpression: (c, node) => c.pushAll([node.test, node.consequent, node.alternate]),
  AssignmentExpression: (c, node) => {
    c.push(node.left, 'target');
    c.push(node.right);
  },
  SequenceExpression: (c, node) => c.pushAll(node.expressions),
};

// Destructuring, in arrow parameters ('binding') or on the left of `=` ('target').
const patternHandlers: Handlers = {
  ObjectPattern: (c, node, role) => {
    for (const property of node.properties) {
      if (property.type === 'Property') propertyKey(c, property);
      c.push(property.type === 'Property' ? property.value : property, patternRole(role));
    }
  },
  ArrayPattern: (c, node, role) => {
    if (node.elements.includes(null)) c.holes(node, M.patternHole);
    c.pushAll(node.elements, patternRole(role));
  },
  AssignmentPattern: (c, node, role) => {
    c.reject(node, M.defaultValue);
    c.push(node.left, patternRole(role));
    c.push(node.right);
  },
  RestElement: (c, node, role) => {
    c.reject(node, M.rest);
    c.push(node.argument, patternRole(role));
  },
};

// Expressions outside the subset. Children are still walked where they can hold further problems.
const rejectedExpressionHandlers: Handlers = {
  FunctionExpression: (c, node) => {
    c.reject(node, functionMessage(node, false));
    functionParts(c, node);
  },
  ClassExpression: (c, node) => {
    c.reject(node, M.classExpression);
    classParts(c, node);
  },
  ThisExpression: (c, node) => c.reject(node, M.this),
  Super: (c, node) => c.reject(node, M.super),
  TaggedTemplateExpression: (c, node) => {
    c.reject(node, M.taggedTemplate);
    c.push(node.tag);
    c.pushAll(node.quasi.expressions);
  },
  AwaitExpression: (c, node) => {
    c.reject(node, M.await);
    c.push(node.argument);
  },
  YieldExpression: (c, node) => {
    c.reject(node, M.yield);
    c.push(node.argument);
  },
  ImportExpression: (c, node) => {
    c.reject(node, M.dynamicImport);
    c.pushAll([node.source, node.options]);
  },
  MetaProperty: (c, node) => c.reject(node, node.meta.name === 'new' ? M.newTarget : M.importMeta),
  PrivateIdentifier: (c, node) => c.reject(node, M.privateName(node.name)),
};

// Statements are all rejected; their bodies are walked so that every problem shows up at once.
const statementHandlers: Handlers = {
  ExpressionStatement: (c, node) => c.push(node.expression),
  EmptyStatement: () => {}, // its `;` token is reported with the others
  VariableDeclaration: (c, node) => {
    c.reject(node, M.declaration(node.kind));
    declarators(c, node);
  },
  IfStatement: (c, node) => {
    c.reject(node, M.if);
    c.push(node.test);
    c.body(node.consequent);
    c.body(node.alternate);
  },
  ForStatement: (c, node) => {
    c.reject(node, M.for);
    c.forHead(node);
    if (node.init?.type === 'VariableDeclaration') declarators(c, node.init);
    else c.push(node.init);
    c.pushAll([node.test ?? null, node.update ?? null]);
    c.body(node.body);
  },
  ForInStatement: (c, node) => forInOf(c, node, M.forIn),
  ForOfStatement: (c, node) => forInOf(c, node, M.forOf),
  WhileStatement: (c, node) => loop(c, node, M.while),
  DoWhileStatement: (c, node) => loop(c, node, M.doWhile),
  SwitchStatement: (c, node) => {
    c.reject(node, M.switch);
    c.push(node.discriminant);
    for (const branch of node.cases) {
      c.push(branch.test);
      c.pushAll(branch.consequent, 'stmt');
    }
  },
  TryStatement: (c, node) => {
    c.reject(node, M.try);
    c.body(node.block);
    c.push(node.handler?.param, 'binding');
    c.body(node.handler?.body);
    c.body(node.finalizer);
  },
  ThrowStatement: (c, node) => {
    c.reject(node, M.throw);
    c.push(node.argument);
  },
  ReturnStatement: (c, node) => {
    c.reject(node, M.return);
    c.push(node.argument);
  },
  BreakStatement: (c, node) => c.reject(node, M.break),
  ContinueStatement: (c, node) => c.reject(node, M.continue),
  DebuggerStatement: (c, node) => c.reject(node, M.debugger),
  LabeledStatement: (c, node) => {
    c.reject(node, M.label);
    c.body(node.body);
  },
  WithStatement: (c, node) => {
    c.reject(node, M.with);
    c.push(node.object);
    c.body(node.body);
  },
  BlockStatement: (c, node) => {
    c.reject(node, M.block);
    c.pushAll(node.body, 'stmt');
  },
  FunctionDeclaration: (c, node) => {
    c.reject(node, functionMessage(node, true));
    functionParts(c, node);
  },
  ClassDeclaration: (c, node) => {
    c.reject(node, M.classDeclaration);
    classParts(c, node);
  },
  ImportDeclaration: (c, node) => c.reject(node, M.importDeclaration),
  ExportNamedDeclaration: (c, node) => c.reject(node, M.export),
  ExportDefaultDeclaration: (c, node) => c.reject(node, M.export),
  ExportAllDeclaration: (c, node) => c.reject(node, M.export),
};

// Members of a class body (the class itself is already reported).
const classMemberHandlers: Handlers = {
  MethodDefinition: (c, node) => {
    propertyKey(c, node);
    functionParts(c, node.value);
  },
  PropertyDefinition: (c, node) => {
    propertyKey(c, node);
    c.push(node.value);
  },
  StaticBlock: (c, node) => c.pushAll(node.body, 'stmt'),
};

function forInOf(c: Checker, node: NodeOf<'ForInStatement' | 'ForOfStatement'>, message: string): void {
  c.reject(node, message);
  if (node.left.type === 'VariableDeclaration') declarators(c, node.left);
  else c.push(node.left, 'target');
  c.push(node.right);
  c.body(node.body);
}

function loop(c: Checker, node: NodeOf<'WhileStatement' | 'DoWhileStatement'>, message: string): void {
  c.reject(node, message);
  c.push(node.test);
  c.body(node.body);
}

const handlers: Handlers = {
  ...expressionHandlers,
  ...patternHandlers,
  ...rejectedExpressionHandlers,
  ...statementHandlers,
  ...classMemberHandlers,
};
