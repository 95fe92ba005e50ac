// Arrow functions: the only functions PipyJS has. Parameters, including every name bound by
// destructuring, get slots in the call frame at compile time; a closure captures the frame it was
// created in, so captured parameters outlive the call that made them.

import type { ArrowFunctionExpression, Pattern } from 'acorn';
import type { Code, Compiler } from './compiler.js';
import { FunctionScope } from './compiler.js';
import type { Runtime } from '../runtime.js';
import { Closure } from '../values.js';
import type { FunctionInfo } from '../values.js';
import { cost } from '../limits.js';
import { compileTarget, declarePatternNames } from './patterns.js';

export function compileArrowFunctionExpression(c: Compiler, node: ArrowFunctionExpression, parent: FunctionScope): Code {
  const pos = c.at(node);
  const scope = new FunctionScope(parent, `(anonymous function at line ${pos.line} column ${pos.column})`);
  const params = node.params as Pattern[];
  // Parameters first (slots 1..n, as the call sites fill them), then names bound by patterns.
  for (const p of params) {
    if (p.type === 'Identifier') scope.declare(p.name);
    else scope.anonymous();
  }
  for (const p of params) if (p.type !== 'Identifier') declarePatternNames(p, scope);
  const unpack = compileUnpack(c, params, scope);
  const outerDepth = c.depth;
  c.depth = 0;
  const body = c.compile(node.body, scope);
  c.depth = outerDepth;
  const info: FunctionInfo = {
    body,
    paramCount: params.length,
    frameSize: scope.size,
    unpack,
    filename: c.filename,
    line: pos.line,
    column: pos.column,
    sourceText: c.text(node),
  };
  return (env, rt) => {
    rt.alloc(cost.closure);
    return new Closure(info, env);
  };
}

/** Destructures pattern parameters from their raw slots into the names they bind. */
function compileUnpack(c: Compiler, params: Pattern[], scope: FunctionScope): ((env: unknown[], rt: Runtime) => void) | null {
  const steps: ((env: unknown[], rt: Runtime) => void)[] = [];
  params.forEach((p, i) => {
    if (p.type === 'Identifier') return;
    const assign = compileTarget(c, p, scope);
    const slot = i + 1;
    steps.push((env, rt) => assign(env, rt, env[slot]));
  });
  if (steps.length === 0) return null;
  return (env, rt) => {
    for (const s of steps) s(env, rt);
  };
}
