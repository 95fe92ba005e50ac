// http.File: static files from the codebase, content types, directory index, precompressed twins.

import { describe, it, expect } from 'vitest';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { contentTypeOf, parseAcceptEncoding, createLoader, readHttpFile, fileToMessage } from '../index.js';
import { makeRealm, tempDir, writeFiles } from './harness.js';

function codebase() {
  const root = tempDir();
  writeFiles(root, {
    'www/index.html': '<h1>home</h1>',
    'www/app.js': 'var x',
    'www/app.js.gz': gzipSync('var x'),
    'www/style.css': 'body{}',
    'www/style.css.gz': gzipSync('body{}'),
    'www/style.css.br': brotliCompressSync('body{}'),
    'www/only.txt.gz': gzipSync('only gz'),
    'www/docs/index.html': 'docs',
    'www/data.unknownext': 'bin',
  });
  return root;
}

describe('http.File from scripts', () => {
  const t = makeRealm({ root: codebase() });

  it('serves a file with its content type', () => {
    expect(t.run("(m => [m.head.headers['content-type'], m.body.toString()])(new http.File('/www/index.html').toMessage())")).toEqual(['text/html', '<h1>home</h1>']);
    expect(t.run("new http.File('www/data.unknownext').toMessage().head.headers['content-type']")).toBe('application/octet-stream');
  });

  it('uses index.html for directories', () => {
    expect(t.run("new http.File('/www/docs').toMessage().body.toString()")).toBe('docs');
    expect(t.run("new http.File('/www/docs/').path")).toBe('/www/docs/index.html');
    expect(t.run("new http.File('/www').toMessage().body.toString()")).toBe('<h1>home</h1>');
  });

  it('serves the gzip twin when the request accepts gzip, br before gzip', () => {
    expect(t.run("(m => [m.head.headers['content-encoding'], m.body.size])(new http.File('/www/app.js').toMessage('gzip, deflate'))")).toEqual(['gzip', gzipSync('var x').length]);
    expect(t.run("new http.File('/www/app.js').toMessage('br').head.headers['content-encoding']")).toBeUndefined();
    expect(t.run("new http.File('/www/style.css').toMessage('gzip, br').head.headers['content-encoding']")).toBe('br');
    expect(t.run("new http.File('/www/style.css').toMessage('gzip, br;q=0').head.headers['content-encoding']")).toBe('gzip');
    expect(t.run("new http.File('/www/style.css').toMessage().body.toString()")).toBe('body{}');
  });

  it('inflates a lone compressed twin for a client that does not accept it', () => {
    expect(t.run("new http.File('/www/only.txt').toMessage().body.toString()")).toBe('only gz');
    expect(t.run("new http.File('/www/only.txt').toMessage('gzip').head.headers['content-encoding']")).toBe('gzip');
  });

  it('fails on missing files; File.from gives null', () => {
    expect(t.error("new http.File('/nothere')").detail).toBe('file not found: /nothere');
    expect(t.run("http.File.from('/nothere')")).toBeNull();
    expect(t.run("http.File.from('/www/app.js') instanceof http.File")).toBe(true);
    expect(t.error('new http.File(1)').detail).toBe('argument #1 expects a string');
  });

  it('gives each message its own body', () => {
    expect(t.run("(f => (f.toMessage().body.shift(3), f.toMessage().body.toString()))(new http.File('/www/app.js'))")).toBe('var x');
  });

  it('produces a Message the engine can expand', () => {
    const file = readHttpFile(createLoader(t.root), '/www/app.js')!;
    const events = fileToMessage(file, 'gzip').toEvents();
    expect(events.length).toBe(3);
  });
});

describe('helpers', () => {
  it('maps extensions to content types', () => {
    expect(contentTypeOf('/a/b.JSON')).toBe('application/json');
    expect(contentTypeOf('/a/b.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('/a.b/noext')).toBe('application/octet-stream');
    expect(contentTypeOf('/a/.hidden')).toBe('application/octet-stream');
  });

  it('parses Accept-Encoding', () => {
    expect([...parseAcceptEncoding('gzip, deflate, br')]).toEqual(['gzip', 'deflate', 'br']);
    expect([...parseAcceptEncoding('GZIP;q=0.5, br;q=0')]).toEqual(['gzip']);
    expect([...parseAcceptEncoding('*')]).toEqual(['br', 'gzip']);
    expect([...parseAcceptEncoding('')]).toEqual([]);
  });
});
