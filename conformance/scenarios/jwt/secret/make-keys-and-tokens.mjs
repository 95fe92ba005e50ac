// Made the keys in secret/ and the tokens in tokens/ once (node secret/make-keys-and-tokens.mjs);
// the scenario only reads the results. Run again to make a fresh set (case.json must then be updated).
import { generateKeyPairSync, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const dir = new URL('..', import.meta.url).pathname;
const pem = { type: 'spki', format: 'pem' };
const priv = { type: 'pkcs8', format: 'pem' };
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: pem, privateKeyEncoding: priv });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: pem, privateKeyEncoding: priv });
const rogue = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: pem, privateKeyEncoding: priv });
writeFileSync(dir + 'secret/rsa-public.pem', rsa.publicKey);
writeFileSync(dir + 'secret/rsa-private.pem', rsa.privateKey);
writeFileSync(dir + 'secret/ec-public.pem', ec.publicKey);
writeFileSync(dir + 'secret/ec-private.pem', ec.privateKey);
// a third key, given to the proxy as a JWK in config/jwt.json rather than as a PEM file
const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { format: 'jwk' }, privateKeyEncoding: priv });
writeFileSync(dir + 'secret/jwk-public.json', JSON.stringify(jwk.publicKey, null, 2) + '\n');
writeFileSync(dir + 'secret/jwk-private.pem', jwk.privateKey);

const b64 = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
const token = (alg, kid, payload, key) => {
  const input = `${b64({ alg, typ: 'JWT', kid })}.${b64(payload)}`;
  const sig = alg === 'RS256'
    ? sign('sha256', Buffer.from(input), key)
    : sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${sig.toString('base64url')}`;
};
const tokens = {
  'rsa-admin': token('RS256', 'rsa-key', { sub: 'alice', role: 'admin' }, rsa.privateKey),
  'rsa-user': token('RS256', 'rsa-key', { sub: 'carol', role: 'user' }, rsa.privateKey),
  'ec-user': token('ES256', 'ec-key', { sub: 'bob', role: 'user' }, ec.privateKey),
  'ec-guest': token('ES256', 'ec-key', { sub: 'dave', role: 'guest' }, ec.privateKey),
  'unknown-key': token('RS256', 'old-key', { sub: 'alice', role: 'admin' }, rsa.privateKey),
  'forged-rsa': token('RS256', 'rsa-key', { sub: 'mallory', role: 'admin' }, rogue.privateKey),
  'jwk-user': token('ES256', 'jwk-key', { sub: 'erin', role: 'user' }, jwk.privateKey),
  'jwk-forged': token('ES256', 'jwk-key', { sub: 'mallory', role: 'user' }, ec.privateKey),
  'ec-as-rsa': token('ES256', 'rsa-key', { sub: 'mallory', role: 'admin' }, ec.privateKey),
};
const [h, , s] = tokens['ec-user'].split('.');
tokens['tampered-ec'] = `${h}.${b64({ sub: 'bob', role: 'admin' })}.${s}`;
// an unsigned token claiming alg "none"
tokens['alg-none'] = `${b64({ alg: 'none', typ: 'JWT', kid: 'rsa-key' })}.${b64({ sub: 'mallory', role: 'admin' })}.`;
for (const [name, t] of Object.entries(tokens)) writeFileSync(`${dir}tokens/${name}.jwt`, t + '\n');
