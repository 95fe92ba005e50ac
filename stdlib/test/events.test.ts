// Events and Message: guest constructors (spec §4, §3.17, test ideas 75–77) and the engine's view.

import { describe, it, expect } from 'vitest';
import { Data, Message, MessageStart, MessageEnd, StreamEnd, StreamEndError, streamEndErrors, isEvent, isStreamEndErrorName } from '../index.js';
import { makeRealm } from './harness.js';

const t = makeRealm();

describe('StreamEnd', () => {
  it('accepts exactly the error names (75)', () => {
    expect(t.error("new StreamEnd('Foo')").detail).toBe('unknown error type');
    expect(t.run('new StreamEnd().error')).toBe('');
    expect(t.run("new StreamEnd('ReadTimeout').error")).toBe('ReadTimeout');
    expect(t.run("new StreamEnd('').error")).toBe('');
    expect(t.run('new StreamEnd(null).error')).toBe('');
    expect(t.error('new StreamEnd(3)').detail).toBe('argument #1 expects a string');
  });

  it('knows every name of the enum, in order, with its code and log text', () => {
    const names = streamEndErrors.map(([n]) => n);
    expect(names).toEqual(['', 'UnknownError', 'RuntimeError', 'ReadError', 'WriteError', 'CannotResolve', 'ConnectionCanceled', 'ConnectionReset', 'ConnectionRefused', 'ConnectionTimeout', 'ReadTimeout', 'WriteTimeout', 'IdleTimeout', 'Unauthorized', 'BufferOverflow']);
    for (const name of names) expect(t.run(`new StreamEnd('${name}').error`)).toBe(name);
    const e = new StreamEnd(StreamEndError.ConnectionRefused);
    expect([e.code, e.message]).toEqual([8, 'connection refused']);
    expect(new StreamEnd().message).toBe('no error');
    expect(Object.values(StreamEndError).sort()).toEqual([...names].sort());
    expect([isStreamEndErrorName('IdleTimeout'), isStreamEndErrorName('Nope')]).toEqual([true, false]);
  });
});

describe('Message', () => {
  it('takes a lone string or Data as the body, an object as the head (76)', () => {
    expect(t.run("new Message('x').head")).toBeNull();
    expect(t.run("new Message('x').body.size")).toBe(1);
    expect(t.run('new Message({a: 1}).body')).toBeNull();
    expect(t.run('new Message({a: 1}).head.a')).toBe(1);
    expect(t.run("new Message(new Data('abc')).body.size")).toBe(3);
    expect(t.run("new Message({s: 200}, 'ok').body.toString()")).toBe('ok');
    expect(t.run('new Message(null, null).body')).toBeNull();
    expect(t.run('new Message().head')).toBeNull();
    expect(t.run('new Message(null).body')).toBeNull();
  });

  it('checks its arguments', () => {
    expect(t.error('new Message(1, 2, 3)').detail).toBe('requires 0 to 2 arguments');
    expect(t.error('new Message(1)').detail).toBe('argument #1 expects an object');
    expect(t.error('new Message({}, 5)').detail).toBe('argument #2 expects a string or Data');
  });

  it('shares the body Data it was given, and its head and body are read-only', () => {
    expect(t.run("(d => (m => (d.push('!'), m.body.toString()))(new Message(d)))(new Data('hi'))")).toBe('hi!');
    expect(t.error("(m => m.head = {})(new Message())").errorName).toBe('TypeError');
  });

  it('is not an event; it expands into events for the engine', () => {
    expect(t.run('new Message() instanceof MessageStart')).toBe(false);
    const m = new Message({ a: 1 }, new Data().push('b'));
    const events = m.toEvents();
    expect(events.map((e) => e.constructor.name)).toEqual(['MessageStart', 'Data', 'MessageEnd']);
    expect(new Message().toEvents().length).toBe(2);
    expect(isEvent(m)).toBe(false);
    expect(events.every(isEvent)).toBe(true);
  });
});

describe('MessageStart and MessageEnd', () => {
  it('carry the head, nothing else in 0.30 (77)', () => {
    expect(t.run("new MessageStart({path: '/'}).head.path")).toBe('/');
    expect(t.run('new MessageStart().head')).toBeNull();
    expect(t.run('new MessageEnd() instanceof MessageEnd')).toBe(true);
    expect(t.run('new MessageEnd() instanceof MessageStart')).toBe(false);
    expect(t.error("new MessageStart('x')").detail).toBe('argument #1 expects an object');
  });

  it('keeps 0.50 tail and payload on MessageEnd', () => {
    expect(t.run('new MessageEnd().tail')).toBeNull();
    expect(t.run("new MessageEnd({t: 1}, 'p').payload")).toBe('p');
    expect(new MessageEnd().payload).toBeUndefined();
  });

  it('is what the engine builds directly', () => {
    const head = t.guest("({method: 'GET'})");
    expect(new MessageStart(head).head).toBe(head);
    expect(isEvent(new MessageEnd())).toBe(true);
    expect(t.realm.callGuest(t.guest('e => e instanceof MessageStart'), [new MessageStart()])).toBe(true);
    expect(t.realm.callGuest(t.guest('e => e.error'), [new StreamEnd('IdleTimeout')])).toBe('IdleTimeout');
  });
});
