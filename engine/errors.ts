// Configuration and load-time errors (spec §1.3–§1.6, §8.2), and the single mapping from Node's socket
// errors to StreamEnd error names (§3.1). Script errors are the interpreter's PipyJSError; network
// conditions travel as StreamEnd events; engine bugs are asserts.

/** A configuration error found while binding modules or building layouts; logged as a bare `[ERR]` line. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

import type { StreamEndErrorName } from '../stdlib/index.js';
import { streamEndErrors } from '../stdlib/index.js';

export type StreamErrorName = StreamEndErrorName;

/** Log texts of the StreamEnd errors, by numeric code (`dump` prints them). */
export const streamErrorMessages: readonly string[] = streamEndErrors.map(([, text]) => text);

/** The one place a Node socket error becomes a StreamEnd error name. */
export function streamErrorFromNode(e: NodeJS.ErrnoException | undefined, phase: 'connect' | 'read' | 'write'): StreamErrorName {
  switch (e?.code) {
    case 'ECONNREFUSED':
      return 'ConnectionRefused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return 'CannotResolve';
    case 'ECONNRESET':
    case 'EPIPE':
      return phase === 'write' && e.code === 'EPIPE' ? 'WriteError' : 'ConnectionReset';
    case 'ETIMEDOUT':
      return 'ConnectionTimeout';
  }
  return phase === 'write' ? 'WriteError' : phase === 'read' ? 'ReadError' : 'ConnectionRefused';
}

/** The human text of a connect failure as Pipy logs it. */
export function connectErrorText(e: NodeJS.ErrnoException | undefined): string {
  if (e?.code === 'ECONNREFUSED') return 'Connection refused';
  return e?.message ?? 'unknown error';
}
