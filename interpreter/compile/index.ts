// The table of contents of the language: ESTree node kind → compiler. A kind missing here is one
// the grammar check rejects; reaching it anyway is an interpreter bug (an assertion), not a script error.

import type { NodeCompiler } from './compiler.js';
import { compileIdentifier } from './identifiers.js';
import { compileLiteral, compileTemplateLiteral, compileArrayExpression, compileObjectExpression } from './literals.js';
import {
  compileUnaryExpression,
  compileBinaryExpression,
  compileLogicalExpression,
  compileConditionalExpression,
  compileSequenceExpression,
} from './operators.js';
import { compileMemberExpression, compileChainExpression } from './members.js';
import { compileCallExpression, compileNewExpression } from './calls.js';
import { compileArrowFunctionExpression } from './functions.js';
import { compileAssignmentExpression, compileUpdateExpression } from './assignment.js';

export const nodeCompilers: Record<string, NodeCompiler> = Object.assign(Object.create(null), {
  Identifier: compileIdentifier,
  Literal: compileLiteral,
  TemplateLiteral: compileTemplateLiteral,
  ArrayExpression: compileArrayExpression,
  ObjectExpression: compileObjectExpression,
  ArrowFunctionExpression: compileArrowFunctionExpression,
  UnaryExpression: compileUnaryExpression,
  UpdateExpression: compileUpdateExpression,
  BinaryExpression: compileBinaryExpression,
  LogicalExpression: compileLogicalExpression,
  ConditionalExpression: compileConditionalExpression,
  AssignmentExpression: compileAssignmentExpression,
  SequenceExpression: compileSequenceExpression,
  MemberExpression: compileMemberExpression,
  ChainExpression: compileChainExpression,
  CallExpression: compileCallExpression,
  NewExpression: compileNewExpression,
});
