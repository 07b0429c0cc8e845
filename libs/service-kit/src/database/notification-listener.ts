import { Client } from 'pg';

export interface NotificationListenerOptions {
  connectionString: string;
  /** PostgreSQL channel to LISTEN on (an identifier, e.g. `availability_pending`). */
  channel: string;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  onNotification: () => void;
  /** Told when the connection fails or is lost; the owner's fallback poll covers the gap. */
  onProblem: (message: string) => void;
  /** Wait before reconnecting after a lost connection. */
  reconnectDelayMs?: number;
}

/**
 * A dedicated connection LISTENing on one channel, so a background worker wakes as soon as a
 * committed statement notifies instead of at its next poll. A lost connection (server restart,
 * failover, idle kill) is re-established after a pause; until then the worker's poll still runs.
 */
export class NotificationListener {
  private client?: Client;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: NotificationListenerOptions) {}

  /** Connects and listens; resolves false (after reporting why) when that is not possible now. */
  start(): Promise<boolean> {
    this.stopped = false;
    return this.connect();
  }

  private async connect(): Promise<boolean> {
    const client = new Client({ connectionString: this.options.connectionString, application_name: this.options.applicationName });
    client.on('notification', () => this.options.onNotification());
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    try {
      await client.connect();
      await client.query(`listen ${this.options.channel}`);
      if (this.stopped) {
        await client.end();
        return false;
      }
      this.client = client;
      return true;
    } catch (error) {
      this.lost(client, (error as Error).message);
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  private lost(client: Client, message: string): void {
    if (this.stopped || (this.client !== undefined && this.client !== client)) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.options.onProblem(`listener on ${this.options.channel}: ${message}`);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), this.options.reconnectDelayMs ?? 1000).unref();
  }
}
