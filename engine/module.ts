// A module: one script file of the codebase (spec §1.6). It is compiled against the worker's realm
// with its own ContextScope; evaluating it must give a Configuration, whose variables, exports,
// imports and layouts the module then adopts. Frame `index + 1` of every context holds its variables.

import { ContextScope } from '../interpreter/index.js';
import type { Script } from '../interpreter/index.js';
import type { Configuration } from './configuration.js';
import type { PipelineLayout } from './pipeline.js';
import type { Worker } from './worker.js';
import { inboundSlot } from './context.js';

export class Module {
  readonly scope = new ContextScope();
  readonly frame: number;
  config: Configuration | null = null;
  script: Script | null = null;
  /** Initial values of this module's frame: variables, exports, then `__filename`. */
  prototype: unknown[] = [];
  private readonly slots = new Map<string, number>();

  constructor(
    readonly worker: Worker,
    readonly index: number,
    readonly path: string,
    readonly source: string,
  ) {
    this.frame = index + 1;
  }

  /** Takes over what the script configured and makes its variables resolvable. */
  adopt(config: Configuration): void {
    this.config = config;
    for (const [name, value] of config.variables) this.addVariable(name, value);
    for (const e of config.exports) if (!this.slots.has(e.name)) this.addVariable(e.name, e.value);
    this.addVariable('__filename', this.path, true);
    this.scope.define('__inbound', 0, inboundSlot, { readonly: true });
  }

  private addVariable(name: string, value: unknown, readonly = false): void {
    const slot = this.prototype.push(value) - 1;
    this.slots.set(name, slot);
    this.scope.define(name, this.frame, slot, { readonly });
  }

  slotOf(name: string): number | undefined {
    return this.slots.get(name);
  }

  layoutNamed(name: string): PipelineLayout | null {
    return this.config?.named.get(name) ?? null;
  }

  get roots(): PipelineLayout[] {
    return this.config?.roots ?? [];
  }
}
