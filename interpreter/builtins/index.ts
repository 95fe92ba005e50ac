// The core ECMAScript globals of PipyJS, and the method tables of the built-in value kinds.
//
// Importing this module fills `methodTables` once (each file below installs its own kind), then
// gives arrays, functions and primitives the Object.prototype methods they do not override, the way
// ECMAScript finds them through the prototype chain, and freezes the tables.

import { methodTables } from '../properties.js';
import { ObjectClass, objectMethods } from './object.js';
import { ArrayClass } from './array.js';
import { StringClass } from './string.js';
import { NumberClass } from './number.js';
import { BooleanClass } from './boolean.js';
import { MathNamespace } from './math.js';
import { DateClass } from './date.js';
import { RegExpClass } from './regexp.js';
import { JSONNamespace } from './json.js';
import './function.js';

for (const table of Object.values(methodTables)) {
  for (const name of Object.keys(objectMethods)) if (!table[name]) table[name] = objectMethods[name];
  Object.freeze(table);
}

/** The guest values of the core globals, by name. */
export function coreGlobals(): Record<string, unknown> {
  return {
    NaN: NaN,
    Infinity: Infinity,
    Object: ObjectClass,
    Boolean: BooleanClass,
    Number: NumberClass,
    String: StringClass,
    Array: ArrayClass,
    Math: MathNamespace,
    Date: DateClass,
    RegExp: RegExpClass,
    JSON: JSONNamespace,
  };
}

export { ObjectClass, ArrayClass, StringClass, NumberClass, BooleanClass, MathNamespace, DateClass, RegExpClass, JSONNamespace };
export { RegExpObject } from './regexp.js';
export { DateObject } from './date.js';
export { NumberBox } from './number.js';
export { StringBox } from './string.js';
export { BooleanBox } from './boolean.js';
