// Listening sockets (spec §6.1). One Listener per ip:port for the whole process; a reload re-points it
// at the new worker's layout without closing the port.

import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { PipelineLayout } from '../pipeline.js';
import type { ListenOptions } from '../configuration.js';
import { Inbound } from './inbound.js';
import * as log from '../log.js';

const listeners = new Map<string, Listener>();

export class Listener {
  private server: Server | null = null;
  private layout: PipelineLayout | null = null;
  private prototypes: unknown[][] = [];
  private options!: ListenOptions;
  readonly connections = new Set<Inbound>();

  private constructor(readonly ip: string, readonly port: number) {}

  static get(ip: string, port: number): Listener {
    const key = `${ip}:${port}`;
    let l = listeners.get(key);
    if (!l) listeners.set(key, (l = new Listener(ip, port)));
    return l;
  }

  static all(): Listener[] {
    return [...listeners.values()];
  }

  get isOpen(): boolean {
    return this.server !== null;
  }

  /** The port actually bound (tests listen on port 0). */
  get boundPort(): number {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a.port : this.port;
  }

  /** Points new connections at a layout; opens the port the first time. */
  async open(layout: PipelineLayout, prototypes: unknown[][], options: ListenOptions): Promise<void> {
    this.layout = layout;
    this.prototypes = prototypes;
    this.options = options;
    if (this.server) return;
    const server = createServer({ allowHalfOpen: true }, (s) => this.accept(s));
    if (options.maxConnections > 0) server.maxConnections = options.maxConnections;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.ip, port: this.port, exclusive: true }, () => resolve());
    });
    this.server = server;
    log.info(`[listener] Listening on port ${this.port} at ${this.ip}`);
  }

  private accept(socket: Socket): void {
    if (!this.layout) return void socket.destroy();
    const inbound = new Inbound(socket, this.options, () => this.connections.delete(inbound));
    this.connections.add(inbound);
    inbound.start(this.layout, this.prototypes);
  }

  close(): void {
    if (!this.server) return;
    this.server.close();
    this.server = null;
    this.layout = null;
    listeners.delete(`${this.ip}:${this.port}`);
    log.info(`[listener] Stopped listening on port ${this.port} at ${this.ip}`);
  }
}
