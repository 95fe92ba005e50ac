// The `crypto` global (spec §3.15): constructors only, each in the file named after it.
// All the work is node:crypto's (OpenSSL underneath, as in Pipy).

import { Namespace } from '../../interpreter/index.js';
import { HashClass } from './hash.js';
import { HmacClass } from './hmac.js';
import { SignClass } from './sign.js';
import { VerifyClass } from './verify.js';
import { CipherClass } from './cipher.js';
import { DecipherClass } from './decipher.js';
import { PrivateKeyClass } from './private-key.js';
import { PublicKeyClass } from './public-key.js';
import { CertificateClass } from './certificate.js';
import { CertificateChainClass } from './certificate-chain.js';
import { JWKClass } from './jwk.js';
import { JWTClass } from './jwt.js';

export function cryptoNamespace(): Namespace {
  return new Namespace('crypto', {
    Hash: HashClass,
    Hmac: HmacClass,
    Sign: SignClass,
    Verify: VerifyClass,
    Cipher: CipherClass,
    Decipher: DecipherClass,
    PrivateKey: PrivateKeyClass,
    PublicKey: PublicKeyClass,
    Certificate: CertificateClass,
    CertificateChain: CertificateChainClass,
    JWK: JWKClass,
    JWT: JWTClass,
  });
}

export { Hash } from './hash.js';
export { Hmac } from './hmac.js';
export { Sign } from './sign.js';
export { Verify } from './verify.js';
export { Cipher } from './cipher.js';
export { Decipher } from './decipher.js';
export { PrivateKey } from './private-key.js';
export { PublicKey } from './public-key.js';
export { Certificate } from './certificate.js';
export { CertificateChain } from './certificate-chain.js';
export { JWK } from './jwk.js';
export { JWT } from './jwt.js';
export { verificationKey } from './keys.js';
