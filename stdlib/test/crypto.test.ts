// crypto through guest code: digests, ciphers, signatures, keys, JWK and JWT verification with
// keys generated here (RSA, EC P-256/P-384, HMAC secrets).

import { describe, it, expect } from 'vitest';
import { Buffer } from 'node:buffer';
import * as nodeCrypto from 'node:crypto';
import { cryptoNamespace } from '../crypto/index.js';
import { DataClass } from '../data.js';
import { scriptRunner } from './harness.js';

const { run, errorOf } = scriptRunner(() => ({ crypto: cryptoNamespace(), Data: DataClass }));


const pem = (k: nodeCrypto.KeyObject, type: 'spki' | 'pkcs8') => k.export({ type, format: 'pem' }).toString();

function keyPair(kind: 'rsa' | 'ec', namedCurve?: string) {
  const { publicKey, privateKey } =
    kind === 'rsa' ? nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 }) : nodeCrypto.generateKeyPairSync('ec', { namedCurve: namedCurve! });
  return { publicKey, privateKey, pub: pem(publicKey, 'spki'), priv: pem(privateKey, 'pkcs8'), jwk: publicKey.export({ format: 'jwk' }) };
}

const rsa = keyPair('rsa');
const rsa2 = keyPair('rsa');
const p256 = keyPair('ec', 'P-256');
const p384 = keyPair('ec', 'P-384');

const b64u = (x: string | Buffer) => Buffer.from(x).toString('base64url');

function jwt(alg: string, key: nodeCrypto.KeyObject | string, payload: object = { sub: 'me', n: 1 }): string {
  const input = b64u(JSON.stringify({ alg, typ: 'JWT' })) + '.' + b64u(JSON.stringify(payload));
  const digest = 'sha' + alg.slice(2);
  let sig: Buffer;
  if (typeof key === 'string') sig = nodeCrypto.createHmac(digest, key).update(input).digest();
  else sig = nodeCrypto.sign(digest, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return input + '.' + b64u(sig);
}

/** Flips one character of the payload part. */
function tamper(token: string): string {
  const [h, p, s] = token.split('.');
  const q = Buffer.from(p, 'base64url').toString().replace('"me"', '"you"');
  return [h, b64u(q), s].join('.');
}

const verifies = (token: string, keyExpr: string, globals: Record<string, unknown> = {}) =>
  run(`new crypto.JWT(token).verify(${keyExpr})`, { token, ...globals });

describe('crypto namespace', () => {
  it('holds the constructors of §3.15', () => {
    expect(run("['Hash','Hmac','Sign','Verify','Cipher','Decipher','PrivateKey','PublicKey','Certificate','CertificateChain','JWK','JWT'].map(n => typeof crypto[n])"))
      .toEqual(new Array(12).fill('function'));
  });
});

describe('crypto.Hash and crypto.Hmac', () => {
  it('digests to encoded strings or Data', () => {
    expect(run("(h => (h.update('abc'), h.digest('hex')))(new crypto.Hash('sha256'))")).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(run("new crypto.Hash('md5').digest('hex')")).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(run("(h => (h.update('6162', 'hex'), h.update(new Data('c')), h.digest('base64')))(new crypto.Hash('sha1'))")).toBe('qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
    const d = run("(h => (h.update('abc'), h.digest()))(new crypto.Hash('sha256'))") as Buffer;
    expect(d.toString('hex').slice(0, 8)).toBe('ba7816bf');
  });

  it('computes HMACs with string or Data keys', () => {
    const fox = 'The quick brown fox jumps over the lazy dog';
    const want = 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8';
    expect(run(`(h => (h.update('${fox}'), h.digest('hex')))(new crypto.Hmac('sha256', 'key'))`)).toBe(want);
    expect(run(`(h => (h.update('${fox}'), h.digest('hex')))(new crypto.Hmac('sha256', new Data('key')))`)).toBe(want);
  });

  it('reports unknown algorithms and encodings, and finished digests', () => {
    expect(errorOf("new crypto.Hash('nope')").detail).toBe('Unknown algorithm: nope');
    expect(errorOf("new crypto.Hmac('nope', 'k')").detail).toBe('Unknown algorithm: nope');
    expect(errorOf("new crypto.Hash('sha1').digest('latin1')").detail).toBe('unknown encoding');
    expect(errorOf("(h => (h.digest(), h.digest()))(new crypto.Hash('sha1'))").detail).toBe('Hash already finalized');
    expect(errorOf("new crypto.Hash('sha1').update(1)").detail).toBe('argument #1 expects a string or an instance of pipy::Data');
    expect(errorOf('new crypto.Hash()').detail).toBe('requires 1 or more arguments');
  });
});

describe('crypto.Cipher and crypto.Decipher', () => {
  const key = '0123456789abcdef', iv = 'fedcba9876543210';

  it('encrypts like OpenSSL and decrypts back', () => {
    const c = nodeCrypto.createCipheriv('aes-128-cbc', key, iv);
    const want = Buffer.concat([c.update('secret message'), c.final()]).toString('hex');
    const src = `(c => new Data(c.update('secret message').toArray().concat(c.final().toArray())).toString('hex'))(new crypto.Cipher('aes-128-cbc', {key: '${key}', iv: '${iv}'}))`;
    expect(run(src)).toBe(want);
    const back = `(d => d.update(new Data('${want}', 'hex')).toString() + d.final().toString())(new crypto.Decipher('aes-128-cbc', {key: '${key}', iv: new Data('${iv}')}))`;
    expect(run(back)).toBe('secret message');
  });

  it('zero-pads a short key as Pipy does', () => {
    const c = nodeCrypto.createCipheriv('aes-128-ecb', Buffer.concat([Buffer.from('k'), Buffer.alloc(15)]), null);
    const want = Buffer.concat([c.update('x'), c.final()]).toString('hex');
    expect(run("(c => c.update('x').toString('hex') + c.final().toString('hex'))(new crypto.Cipher('aes-128-ecb', {key: 'k'}))")).toBe(want);
  });

  it('checks algorithm and options with Pipy messages', () => {
    expect(errorOf("new crypto.Cipher('nope', {key: 'k'})").detail).toBe('Unknown cipher: nope');
    expect(errorOf("new crypto.Cipher('aes-128-cbc')").detail).toBe('options cannot be null');
    expect(errorOf("new crypto.Cipher('aes-128-cbc', {key: 'k', iv: 'short'})").detail).toBe('options.iv length should be 16');
    expect(errorOf(`new crypto.Cipher('aes-128-cbc', {key: '${'k'.repeat(65)}', iv: '${iv}'})`).detail).toBe('options.key is too long');
  });

  it('turns a bad decrypt into a guest error', () => {
    const e = errorOf(`(d => (d.update(new Data('00'.repeat(16), 'hex')), d.final()))(new crypto.Decipher('aes-128-cbc', {key: '${key}', iv: '${iv}'}))`);
    expect(e.errorName).toBe('Error');
    expect(e.detail).toMatch(/bad decrypt/);
  });
});

describe('crypto.Sign and crypto.Verify', () => {
  const sign = (priv: string, alg = 'sha256') => `(s => (s.update('payload'), s.sign(new crypto.PrivateKey(priv), 'base64')))(new crypto.Sign('${alg}'))`;
  const verify = (keyExpr: string, data = 'payload') => `(v => (v.update('${data}'), v.verify(${keyExpr}, sig, 'base64')))(new crypto.Verify('sha256'))`;

  for (const [name, kp] of [['RSA', rsa], ['EC', p256]] as const) {
    it(`signs and verifies with ${name} keys`, () => {
      const sig = run(sign(kp.priv), { priv: kp.priv }) as string;
      expect(nodeCrypto.verify('sha256', Buffer.from('payload'), kp.publicKey, Buffer.from(sig, 'base64'))).toBe(true);
      const g = { sig, pub: kp.pub, priv: kp.priv };
      expect(run(verify('new crypto.PublicKey(pub)'), g)).toBe(true);
      // 0.30 refuses a private key here; we verify with its public half.
      expect(run(verify('new crypto.PrivateKey(priv)'), g)).toBe(true);
      expect(run(verify('new crypto.PublicKey(pub)', 'tampered'), g)).toBe(false);
      expect(run(verify('new crypto.PublicKey(other)'), { ...g, other: rsa2.pub })).toBe(false);
    });
  }

  it('returns Data without an encoding and rejects non-keys', () => {
    expect(Buffer.isBuffer(run("(s => (s.update('x'), s.sign(new crypto.PrivateKey(priv))))(new crypto.Sign('sha256'))", { priv: p256.priv }))).toBe(true);
    expect(errorOf("new crypto.Sign('sha256').sign('x')").detail).toBe('argument #1 expects an instance of pipy::crypto::PrivateKey');
    expect(errorOf("new crypto.Sign('nope')").detail).toBe('Unknown algorithm: nope');
  });
});

describe('crypto.PublicKey, PrivateKey, Certificate', () => {
  it('parses PEM from strings and Data, and raises OpenSSL text otherwise', () => {
    expect(run("typeof new crypto.PublicKey(new Data(pub))", { pub: rsa.pub })).toBe('object');
    expect(run("Object.keys(new crypto.PrivateKey(priv))", { priv: rsa.priv })).toEqual([]);
    const e = errorOf("new crypto.PublicKey('not a key')");
    expect(e.errorName).toBe('Error');
    expect(e.detail.length).toBeGreaterThan(0);
    expect(errorOf("new crypto.Certificate('nope')").errorName).toBe('Error');
    expect(errorOf("new crypto.CertificateChain('nope')").detail).toBe('no certificate found');
  });
});

describe('crypto.JWK', () => {
  it('builds RSA and EC keys', () => {
    expect(run('new crypto.JWK(jwk).isValid', { jwk: rsa.jwk })).toBe(true);
    expect(run('new crypto.JWK(jwk).isValid', { jwk: p256.jwk })).toBe(true);
    expect(run('new crypto.JWK(jwk).isValid', { jwk: { ...p256.jwk, x: b64u('nonsense') } })).toBe(false);
  });

  it('reports missing and unknown members', () => {
    expect(errorOf('new crypto.JWK({})').detail).toBe('missing "kty"');
    expect(errorOf("new crypto.JWK({kty: 'oct'})").detail).toBe('unknown "kty"');
    expect(errorOf("new crypto.JWK({kty: 'RSA', e: 'AQAB'})").detail).toBe('missing "n"');
    expect(errorOf("new crypto.JWK({kty: 'EC', crv: 'P-1', x: 'a', y: 'b'})").detail).toBe('unknown "crv"');
    expect(errorOf("new crypto.JWK({kty: 'EC', crv: 'P-256', x: 'a'})").detail).toBe('missing "y"');
  });
});

describe('crypto.JWT', () => {
  it('splits a valid token into header and payload', () => {
    const token = jwt('HS256', 'secret');
    expect(run('(t => [t.isValid, t.header, t.payload])(new crypto.JWT(token))', { token })).toEqual([true, { alg: 'HS256', typ: 'JWT' }, { sub: 'me', n: 1 }]);
  });

  it('verifies HMAC tokens with the shared secret', () => {
    for (const alg of ['HS256', 'HS384', 'HS512']) {
      const token = jwt(alg, 'secret');
      expect(verifies(token, "'secret'"), alg).toBe(true);
      expect(verifies(token, "new Data('secret')"), alg).toBe(true);
      expect(verifies(token, "'wrong'"), alg).toBe(false);
      expect(verifies(tamper(token), "'secret'"), alg).toBe(false);
      expect(verifies(token, 'new crypto.PublicKey(pub)', { pub: rsa.pub }), alg).toBe(false);
    }
  });

  it('verifies RSA tokens with every form of key', () => {
    for (const alg of ['RS256', 'RS384', 'RS512']) {
      const token = jwt(alg, rsa.privateKey);
      const g = { pub: rsa.pub, priv: rsa.priv, jwk: rsa.jwk, other: rsa2.pub };
      expect(verifies(token, 'new crypto.PublicKey(pub)', g), alg).toBe(true);
      expect(verifies(token, 'new crypto.PrivateKey(priv)', g), alg).toBe(true);
      expect(verifies(token, 'pub', g), alg).toBe(true);
      expect(verifies(token, 'priv', g), alg).toBe(true);
      expect(verifies(token, 'new Data(pub)', g), alg).toBe(true);
      expect(verifies(token, 'new crypto.JWK(jwk)', g), alg).toBe(true);
      expect(verifies(token, 'new crypto.PublicKey(other)', g), alg).toBe(false);
      expect(verifies(tamper(token), 'pub', g), alg).toBe(false);
    }
  });

  it('verifies ECDSA tokens (JOSE r||s signatures) and checks the curve', () => {
    const token = jwt('ES256', p256.privateKey);
    const g = { pub: p256.pub, priv: p256.priv, jwk: p256.jwk, p384: p384.pub, rsa: rsa.pub };
    expect(verifies(token, 'new crypto.PublicKey(pub)', g)).toBe(true);
    expect(verifies(token, 'new crypto.PrivateKey(priv)', g)).toBe(true);
    expect(verifies(token, 'new crypto.JWK(jwk)', g)).toBe(true);
    expect(verifies(tamper(token), 'pub', g)).toBe(false);
    expect(verifies(token, 'p384', g)).toBe(false);
    expect(verifies(token, 'rsa', g)).toBe(false);
    expect(verifies(jwt('ES384', p384.privateKey), 'new crypto.PublicKey(p384)', g)).toBe(true);
    // The key type must match the algorithm: an RS token never verifies against an EC key.
    expect(verifies(jwt('RS256', rsa.privateKey), 'pub', g)).toBe(false);
  });

  it('treats malformed tokens as invalid', () => {
    const none = b64u('{"alg":"none"}') + '.' + b64u('{}') + '.';
    const arr = b64u('[1]') + '.' + b64u('{}') + '.x';
    for (const token of ['a.b', 'a.b.c', none, arr, 'x', '...', jwt('HS256', 's') + '.x', jwt('HS256', 's').replace(/\.[^.]*$/, '.a+b')]) {
      expect(run('(t => [t.isValid, t.verify(\'s\')])(new crypto.JWT(token))', { token }), token).toEqual([false, false]);
    }
    expect(run('new crypto.JWT(token).header', { token: none })).toEqual({ alg: 'none' });
    expect(errorOf('new crypto.JWT(1)').detail).toBe('argument #1 expects a string');
  });
});
