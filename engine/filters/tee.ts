// tee(filename): passes everything on and writes Data to a file inside the codebase root, opened
// (truncated) at the first non-empty Data and closed at StreamEnd (§4.5).

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isStreamEnd, bufferOf } from '../events.js';
import { need } from '../args.js';
import { openSync, writeSync, closeSync } from 'node:fs';

export class Tee extends Filter {
  readonly name = 'tee';
  private fd = -1;

  constructor(private readonly filename: unknown) {
    super();
  }

  static create(args: unknown[]): Tee {
    need(args, 1);
    return new Tee(args[0]);
  }

  clone(): Tee {
    return this.adopt(new Tee(this.filename));
  }

  override reset(): void {
    super.reset();
    this.close();
  }

  protected process(evt: Event): void {
    if (isData(evt) && bufferOf(evt).length) this.write(bufferOf(evt));
    else if (isStreamEnd(evt)) this.close();
    this.output(evt);
  }

  private write(buf: Buffer): void {
    if (this.fd < 0) {
      const path = this.module.worker.codebase.resolve(String(this.evalParam(this.filename)));
      if (!path) return;
      this.fd = openSync(path, 'w');
    }
    writeSync(this.fd, buf);
  }

  private close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
