// XML.parse / stringify / Node through guest code.

import { describe, it, expect } from 'vitest';
import { Realm } from '../../interpreter/index.js';
import { XMLNamespace } from '../xml.js';
import { DataClass } from '../data.js';
import { scriptRunner } from './harness.js';

const { run, errorOf } = scriptRunner(() => ({ XML: XMLNamespace, Data: DataClass }));


/** A guest expression turning a parsed node into plain data for comparison. */
const plain = `(n => (f => f(f, n))((f, n) => typeof n === 'string' ? n : {name: n.name, attributes: n.attributes, children: n.children.map(c => f(f, c))}))`;

describe('XML.parse', () => {
  it('gives a document node around the root element', () => {
    expect(run(`${plain}(XML.parse('<a x="1" y=\\'2\\'><b/>t<c>u</c></a>'))`)).toEqual({
      name: '', attributes: {}, children: [{
        name: 'a', attributes: { x: '1', y: '2' }, children: [
          { name: 'b', attributes: null, children: [] }, 't', { name: 'c', attributes: null, children: ['u'] },
        ],
      }],
    });
  });

  it('keeps whitespace text and decodes entities and CDATA', () => {
    expect((run(`${plain}(XML.parse('<?xml version="1.0"?>\\n<!-- c --><r>\\n  <i a="&lt;&amp;&#65;&#x42;"/>&gt; <![CDATA[<raw>]]>\\n</r>\\n'))`) as { children: unknown[] }).children[0]).toEqual({
      name: 'r', attributes: null, children: ['\n  ', { name: 'i', attributes: { a: '<&AB' }, children: [] }, '> <raw>\n'],
    });
  });

  it('skips a DOCTYPE, comments and processing instructions', () => {
    expect(run(`XML.parse('<!DOCTYPE r [<!ENTITY x "y">]><r><?pi x?><!-- c -->a</r>').children[0].children`)).toEqual(['a']);
  });

  it('gives null for text that is not well-formed', () => {
    const bad = ['', 'text', '<a>', '<a></b>', '<a/><b/>', '<a x=1/>', '<a x="1" x="2"/>', '<a>&unknown;</a>', '<a>&amp</a>', '<a/>junk', '<a><!-- x </a>', '<a x="<"/>', '<1a/>', '<a b="1"c="2"/>'];
    for (const text of bad) expect(run(`XML.parse('${text}')`), text).toBeNull();
  });

  it('handles deep nesting without recursion', () => {
    const depth = 20000;
    const doc = '<a>'.repeat(depth) + '</a>'.repeat(depth);
    const realm = new Realm({ guestGlobals: { XML: XMLNamespace }, globals: { doc } });
    // The innermost `<a></a>` comes back as `<a/>`, three characters shorter.
    expect(realm.compile('XML.stringify(XML.parse(doc)).length').run()).toBe(doc.length - 3);
  });

  it('requires a string', () => {
    expect(errorOf('XML.parse(1)').detail).toBe('argument #1 expects a string');
  });
});

describe('XML.stringify', () => {
  it('writes compact XML with empty elements as <a/>', () => {
    expect(run(`XML.stringify(XML.parse('<a x="1"><b></b>t<c>u</c></a>'))`)).toBe('<a x="1"><b/>t<c>u</c></a>');
  });

  it('writes attribute values unescaped and markup text as CDATA', () => {
    expect(run(`XML.stringify(new XML.Node('', null, [new XML.Node('a', {q: '"<&'}, ['1 < 2', 'x]]>y'])]))`))
      .toBe('<a q=""<&"><![CDATA[1 < 2]]><![CDATA[x]]]]><![CDATA[>y]]></a>');
  });

  it('indents with space, keeping a lone text child inline', () => {
    const src = `XML.stringify(XML.parse('<a><b>t</b>\\n  <c><d/></c><e/></a>'), 2)`;
    expect(run(src)).toBe('<a>\n  <b>t</b>\n  <c>\n    <d/>\n  </c>\n  <e/>\n</a>');
  });

  it('gives an empty string unless the document holds exactly one element', () => {
    expect(run("XML.stringify(new XML.Node('', {}, []))")).toBe('');
    expect(run("XML.stringify(new XML.Node('', {}, ['x']))")).toBe('');
    expect(run("XML.stringify({children: [new XML.Node('a')]})")).toBe('');
    expect(run("XML.stringify(new XML.Node('', {}, [new XML.Node('a'), new XML.Node('b')]))")).toBe('');
  });

  it('writes numbers as text and refuses cycles', () => {
    expect(run("XML.stringify(new XML.Node('', null, [new XML.Node('n', null, [1, null, 'x'])]))")).toBe('<n>1x</n>');
    expect(errorOf("(a => (a.children.push(a), XML.stringify(new XML.Node('', null, [a]))))(new XML.Node('a'))").detail).toBe('XML.stringify: circular structure');
  });

  it('stops exponential output at the memory limit', () => {
    const realm = new Realm({ guestGlobals: { XML: XMLNamespace }, limits: { memory: 1 << 20 } });
    const src = "XML.stringify(new XML.Node('', null, [new Array(40).fill(0).reduce(n => new XML.Node('a', null, [n, n]), new XML.Node('x'))]))";
    expect(() => realm.compile(src).run()).toThrow(/memory/);
  });
});

describe('XML.Node, encode, decode', () => {
  it('constructs nodes with defaults', () => {
    expect(run("(n => [n.name, n.attributes, n.children])(new XML.Node('a'))")).toEqual(['a', null, []]);
    expect(run("new XML.Node('a', {k: 'v'}, ['t']).attributes.k")).toBe('v');
    expect(run("XML.parse('<a/>').children[0] instanceof XML.Node")).toBe(true);
    expect(errorOf('new XML.Node()').detail).toBe('requires 1 or more arguments');
    expect(errorOf("new XML.Node('a', null, 'x')").detail).toBe('argument #3 expects an instance of pjs::Array');
  });

  it('reads and writes Data', () => {
    expect(run("XML.decode(new Data('<a>é</a>')).children[0].children[0]")).toBe('é');
    expect(run("XML.encode(XML.parse('<a>é</a>')).size")).toBe(9);
    expect(run('XML.encode(null)')).toBeNull();
    expect(run('XML.decode(null)')).toBeNull();
  });
});
