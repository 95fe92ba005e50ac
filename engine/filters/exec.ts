// exec(command): runs a child process per stream (§4.2). Input Data goes to its stdin, its stdout
// is the output, and its exit ends the stream with a StreamEnd (the context group is told, for
// `wait`). Off unless pipy runs with `--allow-exec`: a script that asks for exec then fails to load.
//
// The command is an argv (a string split on spaces, or an array), never a shell line; it runs in
// the codebase directory. A recycled pipeline's child gets SIGTERM.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf, makeData, flush, makeStreamEnd } from '../events.js';
import type { Configuration } from '../configuration.js';
import { need, fail } from '../args.js';
import * as log from '../log.js';

export class Exec extends Filter {
  readonly name = 'exec';
  private child: ChildProcess | null = null;
  private done = false;

  constructor(private readonly command: unknown) {
    super();
  }

  static create(args: unknown[], cfg: Configuration): Exec {
    need(args, 1);
    if (!cfg.module.worker.options.allowExec) fail('exec() is disabled: run pipy with --allow-exec to allow scripts to start processes');
    return new Exec(args[0]);
  }

  clone(): Exec {
    return this.adopt(new Exec(this.command));
  }

  override reset(): void {
    super.reset();
    this.kill();
    this.done = false;
  }

  override shutdown(): void {
    this.kill();
  }

  protected process(evt: Event): void {
    if (!this.child && !this.done && !this.start()) return;
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed) return;
    if (isData(evt) && bufferOf(evt).length) stdin.write(bufferOf(evt));
    else if (isStreamEnd(evt)) stdin.end();
  }

  private start(): boolean {
    const argv = this.argv();
    if (!argv.length) {
      log.error('[exec] command is empty');
      this.done = true;
      return false;
    }
    const child = spawn(argv[0], argv.slice(1), { cwd: this.module.worker.codebase.root, stdio: ['pipe', 'pipe', 'inherit'] });
    this.child = child;
    child.stdout!.on('data', (b: Buffer) => (this.output(makeData(b)), this.output(flush())));
    child.stdin!.on('error', () => {});
    child.on('error', () => log.error(`[exec] unable to exec: ${argv.join(' ')}`));
    child.on('close', () => this.exited(child));
    return true;
  }

  private argv(): string[] {
    const v = this.evalParam(this.command);
    if (Array.isArray(v)) return v.map(String);
    return String(v ?? '').split(' ').filter((s) => s);
  }

  private exited(child: ChildProcess): void {
    if (this.child !== child) return;
    this.child = null;
    this.done = true;
    this.output(makeStreamEnd());
    this.context.group.notify();
  }

  private kill(): void {
    const c = this.child;
    this.child = null;
    if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  }
}
