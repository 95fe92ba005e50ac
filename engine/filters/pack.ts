// pack([batchSize = 1], [options]): joins the bodies of `batchSize` consecutive messages into one
// message with the first head and the last end (§4.5). A batch that is not full yet goes out after
// `timeout` seconds without input, or at the next `interval` tick; a StreamEnd flushes it too. The
// timers are the engine's, so a quiet stream really does get its partial batch.

import { Filter } from '../filter.js';
import type { Event } from '../events.js';
import { isData, isMessageStart, isMessageEnd, isStreamEnd, bufferOf, headOf, makeMessageStart, makeData, makeMessageEnd } from '../events.js';
import { optObj, numOrStr, fail, isAbsent } from '../args.js';
import { parseSeconds } from '../units.js';

interface PackOptions {
  batchSize: number;
  timeout: number;
  interval: number;
}

export class Pack extends Filter {
  readonly name = 'pack';
  private head: unknown = null;
  private chunks: Buffer[] = [];
  private messages = 0;
  private inMessage = false;
  private timeoutTimer: NodeJS.Timeout | null = null;
  private intervalTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: PackOptions) {
    super();
  }

  static create(args: unknown[]): Pack {
    const n = isAbsent(args[0]) ? 1 : args[0];
    if (typeof n !== 'number') fail('argument #1 expects a number');
    const o = optObj(args, 1);
    const sec = (k: string) => (numOrStr(o, k) === undefined ? 0 : parseSeconds(o[k]));
    if (!isAbsent(o.vacancy) && typeof o.vacancy !== 'number') fail('options.vacancy expects a number');
    return new Pack({ batchSize: Math.max(1, n), timeout: sec('timeout'), interval: sec('interval') });
  }

  clone(): Pack {
    return this.adopt(new Pack(this.options));
  }

  override reset(): void {
    super.reset();
    this.stopTimers();
    this.clear();
  }

  override shutdown(): void {
    this.stopTimers();
  }

  protected process(evt: Event): void {
    this.startInterval();
    if (isMessageStart(evt)) this.start(headOf(evt));
    else if (isData(evt) && this.inMessage) this.chunks.push(bufferOf(evt));
    else if (isMessageEnd(evt) && this.inMessage) this.end();
    else if (isStreamEnd(evt)) this.flush(), this.stopTimers(), this.output(evt);
  }

  private start(head: unknown): void {
    if (this.messages === 0 && !this.inMessage) this.head = head;
    this.inMessage = true;
  }

  private end(): void {
    this.inMessage = false;
    this.messages++;
    if (this.messages >= this.options.batchSize) return this.flush();
    this.armTimeout();
  }

  /** Outputs the complete messages gathered so far as one. */
  private flush(): void {
    if (this.messages === 0) return;
    if (this.timeoutTimer) clearTimeout(this.timeoutTimer);
    this.timeoutTimer = null;
    const body = Buffer.concat(this.chunks);
    const head = this.head;
    this.clear();
    this.output(makeMessageStart(head));
    if (body.length) this.output(makeData(body));
    this.output(makeMessageEnd());
  }

  private clear(): void {
    this.head = null;
    this.chunks = [];
    this.messages = 0;
    this.inMessage = false;
  }

  private armTimeout(): void {
    if (!(this.options.timeout > 0)) return;
    if (this.timeoutTimer) clearTimeout(this.timeoutTimer);
    this.timeoutTimer = setTimeout(() => ((this.timeoutTimer = null), this.flush()), this.options.timeout * 1000);
  }

  private startInterval(): void {
    if (!(this.options.interval > 0) || this.intervalTimer) return;
    this.intervalTimer = setInterval(() => this.flush(), this.options.interval * 1000);
  }

  private stopTimers(): void {
    if (this.timeoutTimer) clearTimeout(this.timeoutTimer);
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    this.timeoutTimer = this.intervalTimer = null;
  }
}
