// Listening sockets (spec §6.1). One Listener per ip:port for the whole process; a reload re-points it
// at the new worker's layout without closing the port.

import { createServer } from 'node:net';
import cluster from 'node:cluster';
import type { Server, Socket } from 'node:net';
import type { PipelineLayout } from '../pipeline.js';
import type { ListenOptions } from '../configuration.js';
import { Inbound } from './inbound.js';
import { trackInbound } from '../metrics.js';
import * as log from '../log.js';

const listeners = new Map<string, Listener>();
const waitingHandlers = new WeakMap<Socket, () => void>();
/** Ports held by the admin service (§9.1); a script's listen there must fail rather than steal it. */
const reservedPorts = new Set<number>();

export class Listener {
  private server: Server | null = null;
  private layout: PipelineLayout | null = null;
  private prototypes: unknown[][] = [];
  private options!: ListenOptions;
  readonly connections = new Set<Inbound>();
  /** Sockets accepted beyond `maxConnections`, paused until a connection closes. */
  private waiting: Socket[] = [];

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

  static reserve(port: number, reserved = true): void {
    if (reserved) reservedPorts.add(port);
    else reservedPorts.delete(port);
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
    if (reservedPorts.has(this.port)) throw new Error(`Port reserved: ${this.port}`);
    const server = createServer({ allowHalfOpen: true }, (s) => this.accept(s));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // PIPY_SPAWN workers share every port through the cluster primary.
      server.listen({ host: this.ip, port: this.port, exclusive: !cluster.isWorker }, () => resolve());
    });
    this.server = server;
    log.info(`[listener] Listening on port ${this.port} at ${this.ip}`);
  }

  private accept(socket: Socket): void {
    if (!this.layout) return void socket.destroy();
    const max = this.options.maxConnections;
    if (max > 0 && this.connections.size >= max) return this.hold(socket);
    trackInbound(socket, this.port, this.ip);
    const inbound = new Inbound(socket, this.options, () => this.closed(inbound));
    this.connections.add(inbound);
    inbound.start(this.layout, this.prototypes);
  }

  /**
   * At the limit Pipy stops accepting, leaving clients in the kernel's backlog; Node accepts anyway,
   * so the socket waits here unread, which the client cannot tell apart.
   */
  private hold(socket: Socket): void {
    socket.pause();
    this.waiting.push(socket);
    const gone = () => (this.waiting = this.waiting.filter((s) => s !== socket));
    socket.once('close', gone);
    socket.on('error', () => {});
    waitingHandlers.set(socket, gone);
  }

  private closed(inbound: Inbound): void {
    this.connections.delete(inbound);
    const next = this.waiting.shift();
    if (next) {
      next.off('close', waitingHandlers.get(next)!);
      this.accept(next);
      next.resume();
    }
  }

  close(): void {
    if (!this.server) return;
    this.server.close();
    for (const s of this.waiting.splice(0)) s.destroy();
    this.server = null;
    this.layout = null;
    listeners.delete(`${this.ip}:${this.port}`);
    log.info(`[listener] Stopped listening on port ${this.port} at ${this.ip}`);
  }
}
