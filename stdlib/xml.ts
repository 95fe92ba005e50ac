// The XML global: parse, stringify, and the XML.Node class (spec §3.16).
//
// Pipy parses with expat; this is a small non-validating parser of our own for the same output:
// a document node `{name: '', attributes: {}, children: [root]}` whose elements are XML.Node
// objects (attributes null when there are none, text kept, whitespace included), or null when the
// text is not well-formed. Both directions use explicit stacks rather than recursion, so a deeply
// nested document cannot exhaust the host stack.

import { Buffer } from 'node:buffer';
import {
  GuestObject, HostClass, HostFunction, HostObject, Namespace, bindHostClass, typeError, toString,
  ownKeys, getOwn, cost,
} from '../interpreter/index.js';
import type { Runtime } from '../interpreter/index.js';
import { Data } from './data.js';
import { expectArray, expectData, expectNumber, expectPlainObject, isMissing, optional, requireArgs, requiredString } from './arguments.js';

export class XMLNode extends HostObject {
  constructor(
    readonly name: string,
    readonly attributes: GuestObject | null,
    readonly children: unknown[],
  ) {
    super();
  }
}

// ---- parsing -------------------------------------------------------------------------------------

class NotWellFormed extends Error {}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const nameStart = /[A-Za-z_:\u00C0-\uFFFF]/;
const namePattern = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;

class Parser {
  private pos = 0;
  /** Open elements, innermost last. */
  private readonly open: XMLNode[] = [];

  constructor(private readonly text: string, private readonly rt: Runtime) {}

  document(): XMLNode {
    if (this.text.startsWith('\uFEFF')) this.pos = 1;
    this.misc(true);
    if (!this.text.startsWith('<', this.pos)) throw new NotWellFormed();
    const root = this.element();
    this.misc(false);
    if (this.pos < this.text.length) throw new NotWellFormed();
    return new XMLNode('', new GuestObject(), [root]);
  }

  /** Whitespace, comments and processing instructions around the root (and the DOCTYPE before it). */
  private misc(prolog: boolean): void {
    for (;;) {
      this.skipSpace();
      if (this.text.startsWith('<?', this.pos)) this.skipPast('?>');
      else if (this.text.startsWith('<!--', this.pos)) this.skipPast('-->');
      else if (prolog && this.text.startsWith('<!DOCTYPE', this.pos)) this.skipDoctype();
      else return;
    }
  }

  private skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private skipPast(end: string): void {
    const i = this.text.indexOf(end, this.pos);
    if (i < 0) throw new NotWellFormed();
    this.pos = i + end.length;
  }

  /** Skips `<!DOCTYPE ...>` including an internal subset in brackets. */
  private skipDoctype(): void {
    const close = /[[>]/g;
    close.lastIndex = this.pos;
    const m = close.exec(this.text);
    if (!m) throw new NotWellFormed();
    this.pos = m.index + 1;
    if (m[0] === '[') {
      this.skipPast(']');
      this.skipSpace();
      this.expect('>');
    }
  }

  private expect(s: string): void {
    if (!this.text.startsWith(s, this.pos)) throw new NotWellFormed();
    this.pos += s.length;
  }

  private name(): string {
    namePattern.lastIndex = this.pos;
    const m = namePattern.exec(this.text);
    if (!m) throw new NotWellFormed();
    this.pos += m[0].length;
    return m[0];
  }

  /** The root element and everything inside it, driven by the stack of open elements. */
  private element(): XMLNode {
    const root = this.startTag();
    while (this.open.length) {
      this.rt.charge(1);
      const parent = this.open[this.open.length - 1];
      if (this.text.startsWith('</', this.pos)) this.endTag(parent);
      else if (this.text.startsWith('<!--', this.pos)) this.skipPast('-->');
      else if (this.text.startsWith('<?', this.pos)) this.skipPast('?>');
      else if (this.text.startsWith('<![CDATA[', this.pos)) this.addText(parent, this.cdata());
      else if (this.text.startsWith('<', this.pos)) parent.children.push(this.startTag());
      else this.addText(parent, this.charData());
    }
    return root;
  }

  /** `<name attr="v"...>` or `<name .../>`; an element left open goes on the stack. */
  private startTag(): XMLNode {
    this.expect('<');
    const name = this.name();
    const attributes = this.attributes();
    this.rt.alloc(cost.object + name.length * cost.stringChar);
    const node = new XMLNode(name, attributes, []);
    if (this.text.startsWith('/>', this.pos)) this.pos += 2;
    else {
      this.expect('>');
      this.open.push(node);
    }
    return node;
  }

  private endTag(node: XMLNode): void {
    this.pos += 2;
    if (this.name() !== node.name) throw new NotWellFormed();
    this.skipSpace();
    this.expect('>');
    this.open.pop();
  }

  private attributes(): GuestObject | null {
    let attrs: GuestObject | null = null;
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      if (!nameStart.test(this.text[this.pos] ?? '')) return attrs;
      if (this.pos === before) throw new NotWellFormed();
      const key = this.name();
      this.skipSpace();
      this.expect('=');
      this.skipSpace();
      attrs ??= new GuestObject();
      if (Object.hasOwn(attrs, key)) throw new NotWellFormed();
      this.rt.alloc(cost.property);
      attrs[key] = this.attributeValue();
    }
  }

  private attributeValue(): string {
    const quote = this.text[this.pos];
    if (quote !== '"' && quote !== "'") throw new NotWellFormed();
    const end = this.text.indexOf(quote, this.pos + 1);
    if (end < 0) throw new NotWellFormed();
    const raw = this.text.slice(this.pos + 1, end);
    if (raw.includes('<')) throw new NotWellFormed();
    this.pos = end + 1;
    // Attribute-value normalisation: each whitespace character becomes a space.
    return decodeEntities(raw.replace(/[\t\n\r]/g, ' '), this.rt);
  }

  private cdata(): string {
    const start = this.pos + 9;
    const end = this.text.indexOf(']]>', start);
    if (end < 0) throw new NotWellFormed();
    this.pos = end + 3;
    return this.text.slice(start, end);
  }

  private charData(): string {
    let end = this.text.indexOf('<', this.pos);
    if (end < 0) end = this.text.length;
    if (end === this.pos) throw new NotWellFormed();
    const raw = this.text.slice(this.pos, end);
    this.pos = end;
    return decodeEntities(raw.replace(/\r\n?/g, '\n'), this.rt);
  }

  /** Adjacent text (character data, entities, CDATA) becomes one string. */
  private addText(parent: XMLNode, text: string): void {
    this.rt.allocString(text.length);
    const kids = parent.children;
    const last = kids.length - 1;
    if (last >= 0 && typeof kids[last] === 'string') kids[last] += text;
    else {
      this.rt.alloc(cost.element);
      kids.push(text);
    }
  }
}

function decodeEntities(raw: string, rt: Runtime): string {
  if (!raw.includes('&')) return raw;
  rt.charge(raw.length >> 4);
  return raw.replace(/&([^;&]*);?/g, (ref, body: string) => {
    if (!ref.endsWith(';')) throw new NotWellFormed();
    if (Object.hasOwn(entities, body)) return entities[body];
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    const code = m ? parseInt(m[1] ?? m[2], m[1] ? 16 : 10) : -1;
    if (code <= 0 || code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) throw new NotWellFormed();
    return String.fromCodePoint(code);
  });
}

export function parseXML(text: string, rt: Runtime): XMLNode | null {
  rt.charge(text.length >> 6);
  try {
    return new Parser(text, rt).document();
  } catch (e) {
    if (e instanceof NotWellFormed) return null;
    throw e;
  }
}

// ---- writing -------------------------------------------------------------------------------------

interface Frame {
  node: XMLNode;
  kids: unknown[];
  next: number;
  level: number;
  /** Children on their own indented lines (only with `space`, and not for a lone text child). */
  block: boolean;
}

class Writer {
  private readonly out: string[] = [];
  private readonly stack: Frame[] = [];
  private readonly onPath = new Set<XMLNode>();

  constructor(private readonly space: number, private readonly rt: Runtime) {}

  write(root: XMLNode): string {
    this.open(root, 0);
    while (this.stack.length) {
      const f = this.stack[this.stack.length - 1];
      if (f.next === f.kids.length) this.close(f);
      else this.child(f, f.kids[f.next++]);
    }
    return this.out.join('');
  }

  private emit(s: string): void {
    this.rt.alloc(s.length * cost.stringChar);
    this.out.push(s);
  }

  private open(node: XMLNode, level: number): void {
    if (this.onPath.has(node)) throw typeError('XML.stringify: circular structure');
    this.rt.charge(1);
    const kids = this.childrenToWrite(node);
    const tag = '<' + node.name + this.attributes(node);
    if (kids.length === 0) return this.emit(tag + '/>');
    this.emit(tag + '>');
    this.onPath.add(node);
    const block = this.space > 0 && !(kids.length === 1 && typeof kids[0] === 'string');
    this.stack.push({ node, kids, next: 0, level, block });
  }

  private child(f: Frame, kid: unknown): void {
    if (f.block) this.emit('\n' + this.indent(f.level + 1));
    if (kid instanceof XMLNode) this.open(kid, f.level + 1);
    else this.emit(textOf(kid as string));
  }

  private close(f: Frame): void {
    this.stack.pop();
    this.onPath.delete(f.node);
    if (f.block) this.emit('\n' + this.indent(f.level));
    this.emit('</' + f.node.name + '>');
  }

  private indent(level: number): string {
    return ' '.repeat(this.space * level);
  }

  /** Nodes and text; other values are written as text, nullish ones skipped. When indenting,
   *  whitespace-only text between elements is layout and gives way to the new indentation. */
  private childrenToWrite(node: XMLNode): unknown[] {
    const kids = (Array.isArray(node.children) ? node.children : [])
      .filter((k) => k !== undefined && k !== null)
      .map((k) => (k instanceof XMLNode || typeof k === 'string' ? k : toString(k, this.rt)));
    if (this.space <= 0 || kids.length === 1) return kids;
    return kids.filter((k) => typeof k !== 'string' || k.trim() !== '');
  }

  /** ` k="v"` pairs, written without escaping as Pipy does. */
  private attributes(node: XMLNode): string {
    const a = node.attributes;
    if (!a) return '';
    let s = '';
    for (const k of ownKeys(a)) {
      const v = getOwn(a, k);
      if (v !== undefined && v !== null) s += ` ${k}="${toString(v, this.rt)}"`;
    }
    return s;
  }
}

/** Text with markup characters goes out as CDATA (split where it contains `]]>` itself). */
function textOf(text: string): string {
  if (!/[<>&]/.test(text)) return text;
  return '<![CDATA[' + text.replaceAll(']]>', ']]]]><![CDATA[>') + ']]>';
}

/** Writes a document node holding exactly one element; anything else gives ''. */
export function stringifyXML(doc: unknown, space: number, rt: Runtime): string {
  if (!(doc instanceof XMLNode) || !Array.isArray(doc.children)) return '';
  if (doc.children.length !== 1 || !(doc.children[0] instanceof XMLNode)) return '';
  return new Writer(space, rt).write(doc.children[0]);
}

// ---- the guest API -------------------------------------------------------------------------------

/** The indentation: a number clamped to 0..10; missing means none. */
function spaceArg(v: unknown): number {
  if (isMissing(v)) return 0;
  return Math.max(0, Math.min(10, Math.trunc(expectNumber(v, 1))));
}

function nodeArgs(args: unknown[]): [string, GuestObject | null, unknown[]] {
  const name = requiredString(args, 0);
  const attrs = optional(args[1], 1, expectPlainObject);
  return [name, attrs, optional(args[2], 2, expectArray) ?? []];
}

export const XMLNodeClass = new HostClass({
  name: 'Node',
  tag: '[object pipy::XML::Node]',
  construct(args, rt) {
    rt.alloc(cost.object);
    return new XMLNode(...nodeArgs(args));
  },
  getters: {
    name: (self: XMLNode) => self.name,
    attributes: (self: XMLNode) => self.attributes,
    children: (self: XMLNode) => self.children,
  },
});
bindHostClass(XMLNode, XMLNodeClass);

const parse = new HostFunction('parse', (args, rt) => parseXML(requiredString(args, 0), rt), 1);

const stringify = new HostFunction('stringify', (args, rt) => {
  requireArgs(args, 1);
  return stringifyXML(args[0], spaceArg(args[1]), rt);
}, 2);

const decode = new HostFunction('decode', (args, rt) => {
  const data = optional(args[0], 0, expectData);
  return data ? parseXML(data.toBuffer().toString('utf8'), rt) : null;
}, 1);

const encode = new HostFunction('encode', (args, rt) => {
  if (isMissing(args[0])) return null;
  const text = stringifyXML(args[0], spaceArg(args[1]), rt);
  rt.alloc(cost.object + text.length * 3);
  return Data.fromBuffer(Buffer.from(text, 'utf8'));
}, 2);

export const XMLNamespace = new Namespace('XML', { parse, stringify, decode, encode, Node: XMLNodeClass });
