// What acceptTLS and connectTLS share: one connection's node:tls socket next to the sub-pipeline,
// how cleartext events go into the socket (with back-pressure: a socket with a backlog of
// cleartext holds its context group back, see Backlog), how a failure is logged and named, and how
// the stream ends (once) with both torn down.

import type { TLSSocket } from 'node:tls';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeStreamEnd } from '../events.js';
import type { StreamErrorName } from '../errors.js';
import type { CipherWire } from '../codec/tls/wire.js';
import { Backlog } from '../backlog.js';
import * as log from '../log.js';
import { SubPipelineFilter } from './sub-pipeline-bridge.js';

/** One connection's TLS state; callbacks of a replaced session are ignored. */
export interface TlsSession {
  wire: CipherWire;
  tls: TLSSocket;
  secure: boolean;
  backlog: Backlog;
}

/** Logs a socket error as Pipy does; the stream error it becomes depends on the handshake. */
export function tlsFailure(s: TlsSession, e: Error): 'ReadError' | 'Unauthorized' {
  if (!s.secure) log.warn(`[tls] Handshake failed (error = 1)`);
  else log.debug(`[tls] ${e.message}`);
  return s.secure ? 'ReadError' : 'Unauthorized';
}

/** A TLS filter: at most one session per stream, beside its sub-pipeline. */
export abstract class TlsBridge extends SubPipelineFilter {
  protected session: TlsSession | null = null;
  /** This filter has output its StreamEnd: everything after is ignored. */
  protected over = false;

  override reset(): void {
    super.reset();
    this.close();
    this.over = false;
  }

  override shutdown(): void {
    this.close();
  }

  /**
   * Watches a new session's socket: its handshake (`secured` names the event that ends it) and
   * its backlog. Until the handshake is done, only the reader that fills the backlog is held, as
   * the handshake itself travels through a socket of the same group.
   */
  protected watch(s: TlsSession, secured: 'secure' | 'secureConnect'): void {
    s.backlog = new Backlog(this.context.group, s.tls, { narrow: true });
    s.tls.on(secured, () => {
      s.secure = true;
      s.backlog.widen();
    });
  }

  /** Cleartext Data is written to the socket; StreamEnd ends its writing side. */
  protected encrypt(e: Event): void {
    const s = this.session;
    if (!s) return;
    if (isData(e)) {
      const b = bufferOf(e);
      if (!b.length) return;
      s.tls.write(b);
      s.backlog.wrote();
    } else if (isStreamEnd(e)) s.tls.end();
  }

  /** Ends the stream here, once: the session and the sub-pipeline go first. */
  protected end(error: StreamErrorName): void {
    if (this.over) return;
    this.over = true;
    this.close();
    this.output(makeStreamEnd(error));
  }

  /** Destroys the session's socket (its late errors are then ignored) and releases the sub-pipeline. */
  protected close(): void {
    const s = this.session;
    this.session = null;
    if (s) {
      s.backlog?.close();
      s.tls.on('error', () => {});
      s.tls.destroy();
    }
    this.releaseSub();
  }
}
