import { NotificationListener } from './notification-listener';

export interface WakeablePassesOptions {
  connectionString: string;
  /** PostgreSQL channel the work's producers NOTIFY on. */
  channel: string;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  /** One pass over the work; answers whether another should follow without waiting for a notification. */
  pass: () => Promise<boolean>;
  /** Delay before the next pass: `again` after a pass that asked for one (or was woken meanwhile), else the idle poll. */
  delayAfter: (again: boolean) => number;
  /** Delay before a pass a notification asks for; default none. */
  wakeDelay?: () => number;
  /** A failed pass is an error (the next runs at the idle poll); a listener problem a warning (the poll covers it). */
  logger: { warn(message: string): void; error(message: string): void };
  /** Names the work in log lines, e.g. "availability". */
  name: string;
}

/**
 * A background worker's passes: one at a time, started by a NOTIFY from the work's producers,
 * again at once when a pass asks for it or a notification came while it ran, and at the idle poll
 * otherwise (a lost listener costs latency, never work).
 */
export class WakeablePasses {
  private readonly listener: NotificationListener;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  /** A notification came while a pass ran: the next follows it at once. */
  private due = false;
  private stopped = false;

  constructor(private readonly options: WakeablePassesOptions) {
    this.listener = new NotificationListener({
      connectionString: options.connectionString,
      channel: options.channel,
      applicationName: options.applicationName,
      onNotification: () => this.wake(),
      onProblem: (message) => options.logger.warn(`${message}; ${options.name} polls meanwhile`),
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.listener.start();
    this.schedule(0);
  }

  /** Asks for a pass (as a notification does): now, or right after the one under way. */
  wake(): void {
    if (this.running) this.due = true;
    else this.schedule(this.options.wakeDelay?.() ?? 0);
  }

  /** Waits for the pass under way; no other starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.listener.stop();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.due = false;
      this.running = this.options
        .pass()
        .then(
          (again) => again || this.due,
          (error: Error) => {
            this.options.logger.error(`${this.options.name} pass failed: ${error.message}`);
            return false;
          },
        )
        .then((again) => {
          this.running = undefined;
          this.schedule(this.options.delayAfter(again));
        });
    }, delayMs);
  }
}
