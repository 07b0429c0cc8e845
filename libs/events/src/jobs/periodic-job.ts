export interface PeriodicJobOptions<T> {
  /** Names the job in log lines, e.g. "reservation expiry". */
  name: string;
  intervalMs: number;
  run: () => Promise<T>;
  /** A failed run is logged; the next one runs at the next interval. */
  logger: { error(message: string): void };
}

/**
 * Background work on a timer (sweeps, purges): one run at a time (a tick while one runs is
 * skipped, an explicit `runNow` joins it), and `stop` waits for the run under way, so a shutting
 * down service never cuts one off. The timer does not keep the process alive.
 */
export class PeriodicJob<T> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<T>;

  constructor(private readonly options: PeriodicJobOptions<T>) {}

  start(): void {
    this.timer ??= setInterval(() => {
      if (!this.running) this.runNow().catch((error: Error) => this.options.logger.error(`${this.options.name} failed: ${error.message}`));
    }, this.options.intervalMs).unref();
  }

  /** Runs the job now, or joins the run under way. */
  runNow(): Promise<T> {
    this.running ??= this.options.run().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
