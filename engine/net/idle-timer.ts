// An idle timeout that costs one clock read per read or write: socket.setTimeout re-arms a timer
// on every read and write, which showed up in profiles of small keep-alive requests. Here the
// timer fires once per period and, if there was activity meanwhile, sleeps for what is left.

export class IdleTimer {
  private last = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {}

  start(): void {
    this.last = Date.now();
    this.timer = setTimeout(this.check, this.ms);
  }

  /** Activity: the idle period counts again from now. */
  touch(): void {
    this.last = Date.now();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly check = (): void => {
    const quiet = Date.now() - this.last;
    if (quiet >= this.ms) {
      this.timer = null;
      this.onIdle();
    } else {
      this.timer = setTimeout(this.check, this.ms - quiet);
    }
  };
}
