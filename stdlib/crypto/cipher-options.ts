// What Cipher and Decipher share: looking up the algorithm and checking `{key, iv}` with Pipy's
// messages (spec §3.15).
//
// Pipy copies the key into a zeroed 64-byte buffer, so a short key is zero-padded and extra bytes
// beyond the cipher's key length are ignored; we do the same so keys that work there work here.

import { Buffer } from 'node:buffer';
import { getCipherInfo } from 'node:crypto';
import { guestError } from '../../interpreter/index.js';
import type { Runtime } from '../../interpreter/index.js';
import { bytesArg, isMissing, option, requiredString } from '../arguments.js';

export interface CipherSetup {
  algorithm: string;
  key: Buffer;
  iv: Buffer | null;
}

const maxKeyLength = 64;

export function cipherSetup(args: unknown[], rt: Runtime): CipherSetup {
  const algorithm = requiredString(args, 0);
  const info = getCipherInfo(algorithm);
  if (!info) throw guestError('Error', `Unknown cipher: ${algorithm}`);
  const options = args[1];
  if (isMissing(options)) throw guestError('Error', 'options cannot be null');
  const key = keyOption(option(options, 'key', rt), info.keyLength);
  return { algorithm, key, iv: ivOption(option(options, 'iv', rt), info.ivLength ?? 0) };
}

function keyOption(v: unknown, keyLength: number): Buffer {
  const given = isMissing(v) ? Buffer.alloc(0) : bytesArg(v, 1);
  if (given.length > maxKeyLength) throw guestError('Error', 'options.key is too long');
  const key = Buffer.alloc(keyLength);
  given.copy(key, 0, 0, Math.min(keyLength, given.length));
  return key;
}

function ivOption(v: unknown, ivLength: number): Buffer | null {
  const iv = isMissing(v) ? Buffer.alloc(0) : bytesArg(v, 1);
  if (iv.length !== ivLength) throw guestError('Error', `options.iv length should be ${ivLength}`);
  return ivLength ? iv : null;
}
