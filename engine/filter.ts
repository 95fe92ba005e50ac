// The filter contract (spec §3.2). A Filter is built once from the script as a prototype, cloned
// into every pipeline made from its layout, chained to the next filter, and fed with `input(event)`.
// After its StreamEnd a filter ignores everything until `reset()` readies it for the next stream.
//
// Helpers every filter needs live here: calling a script callback in the pipeline's context (a throw
// is logged and the triggering event dropped), evaluating "value or function" parameters, and
// outputting what a callback returned (events, messages, arrays of them).

import { PipyJSError, isCallable, toBoolean } from '../interpreter/index.js';
import type { Event } from './events.js';
import { isEvent, isMessage, isStreamEnd, makeMessageStart, makeData, makeMessageEnd, headOf, bodyOf } from './events.js';
import type { Pipeline, PipelineLayout } from './pipeline.js';
import type { Module } from './module.js';
import type { StreamContext } from './context.js';
import * as log from './log.js';

export interface EventSink {
  input(evt: Event): void;
}

/** The arguments of a callback called with none (shared: callees only read them). */
export const noArgs: unknown[] = Object.freeze([]) as unknown as unknown[];

/** Returned by `callback` when the script threw: the caller drops the event. */
export const Failed: unique symbol = Symbol('callback failed');

export abstract class Filter implements EventSink {
  /** The name drawn in the `[config]` graph. */
  abstract readonly name: string;
  /** The module whose configuration made this filter (set by Configuration). */
  module!: Module;
  pipeline!: Pipeline;
  next!: EventSink;
  private ended = false;

  /** A fresh instance with the same configuration; filters with state override this. */
  abstract clone(): Filter;

  /** The layout names this filter links to, in argument order (graph and binding). */
  targets(): string[] {
    return [];
  }

  /** Resolves sub-pipeline names to layouts of the same module; throws ConfigError. */
  bind(): void {}

  input(evt: Event): void {
    if (this.ended) return;
    if (isStreamEnd(evt)) this.ended = true;
    this.process(evt);
  }

  protected abstract process(evt: Event): void;

  /** Readies the instance for another stream; subclasses clear their own state and call super. */
  reset(): void {
    this.ended = false;
  }

  output(evt: Event): void {
    this.next.input(evt);
  }

  get context(): StreamContext {
    return this.pipeline.context;
  }

  /** Makes the prototype's copy share this prototype's configuration. */
  protected adopt<T extends Filter>(copy: T): T {
    copy.module = this.module;
    return copy;
  }

  // ---- script callbacks ------------------------------------------------------------------------

  /** Calls a guest function in this pipeline's context; a throw is logged (§8.3) and gives `Failed`. */
  callback(fn: unknown, args: unknown[]): unknown {
    return callInContext(this.module, this.context, fn, args);
  }

  /** A "value or function" parameter: functions are called with no arguments each time. */
  evalParam(v: unknown): unknown {
    return isCallable(v) ? this.callback(v, noArgs) : v;
  }

  /** Outputs what a callback returned: an Event, a Message, an array of them, or nothing. */
  outputValue(v: unknown): void {
    if (v === undefined || v === null || v === Failed) return;
    if (Array.isArray(v)) {
      for (const x of v) if (x !== undefined && x !== null && !this.outputOne(x)) return;
      return;
    }
    this.outputOne(v);
  }

  private outputOne(v: unknown): boolean {
    if (isEvent(v)) this.output(v);
    else if (isMessage(v)) outputMessage(this, headOf(v), bodyOf(v));
    else {
      log.error('[filter] not an Event object');
      return false;
    }
    return true;
  }

  /** Stops timers and releases sub-pipelines when the worker shuts down; default nothing. */
  shutdown(): void {}
}

/** Outputs a message as MessageStart, its body (if any) and MessageEnd. */
export function outputMessage(sink: { output(e: Event): void }, head: unknown, body: Buffer | null): void {
  sink.output(makeMessageStart(head));
  if (body && body.length) sink.output(makeData(body));
  sink.output(makeMessageEnd());
}

export function callInContext(module: Module, context: StreamContext | null, fn: unknown, args: unknown[]): unknown {
  try {
    return module.worker.realm.callGuestIn(context, fn, args);
  } catch (e) {
    if (!(e instanceof PipyJSError)) throw e;
    module.worker.logScriptError(e);
    return Failed;
  }
}

/** Looks a layout up in the filter's module for binding; throws ConfigError when missing. */
export function layoutOf(filter: Filter, name: string): PipelineLayout | null {
  return filter.module.layoutNamed(name);
}

/** A callback's result as a condition: a failed call counts as false. */
export function truthy(v: unknown): boolean {
  return v !== Failed && toBoolean(v);
}
