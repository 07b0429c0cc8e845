/* Odoo's worker pool as clients feel it: at most `size` calls are served at once, the rest wait
 * in arrival order (like requests queued on the listening socket of a prefork server). */
export class WorkerPool {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {
    if (!(size >= 1)) throw new Error(`workers must be at least 1, got ${size}`);
  }

  get active(): number {
    return this.busy;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves when a worker is free; the returned function gives it back. */
  async acquire(): Promise<() => void> {
    if (this.busy < this.size) this.busy++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    };
  }
}
