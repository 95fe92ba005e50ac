// Argument checks of the Configuration methods, with Pipy's messages (spec §1.5). Each throws a guest
// `Error`, so a bad call fails the module load with the usual `[pjs] Error:` report and backtrace.

import { guestError, isCallable, isGuestObject } from '../interpreter/index.js';

export function fail(message: string): never {
  throw guestError('Error', message);
}

export function need(args: unknown[], n: number): void {
  if (args.length < n) fail(`requires ${n} or more arguments`);
}

const absent = (v: unknown) => v === undefined || v === null;

export function str(args: unknown[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') fail(`argument #${i + 1} expects a string`);
  return v;
}

export function optStr(args: unknown[], i: number): string | undefined {
  return absent(args[i]) ? undefined : str(args, i);
}

export function fn(args: unknown[], i: number): unknown {
  if (!isCallable(args[i])) fail(`argument #${i + 1} expects a function`);
  return args[i];
}

export function optFn(args: unknown[], i: number): unknown {
  return absent(args[i]) ? undefined : fn(args, i);
}

export function obj(args: unknown[], i: number): Record<string, unknown> {
  const v = args[i];
  if (!isGuestObject(v)) fail(`argument #${i + 1} expects an object`);
  return v;
}

export function optObj(args: unknown[], i: number): Record<string, unknown> {
  return absent(args[i]) ? {} : obj(args, i);
}

/** A number or a string with a unit (durations, sizes), as options take them. */
export function numOrStr(options: Record<string, unknown>, key: string, what = 'options'): unknown {
  const v = options[key];
  if (absent(v)) return undefined;
  if (typeof v !== 'number' && typeof v !== 'string') fail(`${what}.${key} expects a number or a string`);
  return v;
}

export function optBool(options: Record<string, unknown>, key: string): boolean | undefined {
  const v = options[key];
  if (absent(v)) return undefined;
  if (typeof v !== 'boolean') fail(`options.${key} expects a boolean`);
  return v;
}

export const isAbsent = absent;
