// Tasks (spec §1.2, §6.4): a root pipeline fed with MessageStart + MessageEnd, run once at start, on
// an interval, or on a signal. A run stays active until its pipeline outputs a StreamEnd; ticks
// arriving meanwhile are skipped.

import type { PipelineLayout, Pipeline } from './pipeline.js';
import { StreamContext } from './context.js';
import { makeMessageStart, makeMessageEnd, isStreamEnd } from './events.js';
import { ConfigError } from './errors.js';
import { parseSeconds } from './units.js';

const signals = new Set(
  'SIGHUP SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT SIGFPE SIGKILL SIGBUS SIGSEGV SIGSYS SIGPIPE SIGALRM SIGTERM SIGURG SIGSTOP SIGTSTP SIGCONT SIGCHLD SIGTTIN SIGTTOU SIGIO SIGXCPU SIGXFSZ SIGVTALRM SIGPROF SIGWINCH'.split(' '),
);

export class Task {
  private active: Pipeline | null = null;
  private timer: NodeJS.Timeout | null = null;
  private signal: NodeJS.Signals | null = null;
  private readonly onSignal = () => this.run();

  constructor(private readonly layout: PipelineLayout, private readonly when: unknown, private readonly prototypes: unknown[][]) {
    const w = String(when ?? '');
    if (w && /^\d/.test(w)) {
      const s = parseSeconds(w);
      if (s < 0.01 || s > 86400) throw new ConfigError(`task interval out of range: ${w}`);
    } else if (w && !signals.has(w)) throw new ConfigError(`invalid signal name: ${w}`);
  }

  start(): void {
    const w = String(this.when ?? '');
    if (!w) return this.run();
    if (/^\d/.test(w)) {
      this.run();
      this.timer = setInterval(() => this.run(), parseSeconds(w) * 1000);
      return;
    }
    this.signal = w as NodeJS.Signals;
    process.on(this.signal, this.onSignal);
  }

  private run(): void {
    if (this.active) return;
    const p = this.layout.instantiate(StreamContext.create(this.prototypes), {
      input: (e) => {
        if (!isStreamEnd(e) || this.active !== p) return;
        this.active = null;
        p.release();
      },
    });
    this.active = p;
    p.input(makeMessageStart());
    p.input(makeMessageEnd());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.signal) process.off(this.signal, this.onSignal);
  }
}
