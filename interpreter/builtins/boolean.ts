// Boolean: the conversion function, the box constructor, and the methods of boolean values.

import { HostClass, bindHostClass } from '../values.js';
import type { Method } from '../values.js';
import { methodTables } from '../properties.js';
import { toBoolean } from '../operations.js';
import { PrimitiveBox, boxMethods } from './args.js';

export class BooleanBox extends PrimitiveBox<boolean> {}

const booleanMethods: Record<string, Method> = {
  toString: (b: boolean) => String(b),
  valueOf: (b: boolean) => b,
};
Object.assign(methodTables.boolean, booleanMethods);

export const BooleanClass = new HostClass({
  toHost: (self: BooleanBox) => Object(self.value),
  name: 'Boolean',
  call: (args) => toBoolean(args[0]),
  construct: (args) => new BooleanBox(toBoolean(args[0])),
  methods: boxMethods(booleanMethods),
});
bindHostClass(BooleanBox, BooleanClass);
