import { SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ChangeCapture } from './change-capture';
import { changeCaptureMetrics } from './change-capture.metrics';
import { timingOf, type ChangeCaptureConfig } from './change-capture.settings';
import { CAPTURE_STREAMS, type CaptureStream } from './capture-streams';

/** Polls every captured model on its own interval; a failed pass is logged and tried again at the next one. */
@Injectable()
export class ChangeCaptureScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ChangeCaptureScheduler.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly capture: ChangeCapture,
    @Inject(SERVICE_CONFIG) private readonly config: ChangeCaptureConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.CHANGE_CAPTURE_ENABLED) return;
    for (const stream of CAPTURE_STREAMS) this.schedule(stream, 0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.allSettled([...this.running]);
  }

  private schedule(stream: CaptureStream, delayMs: number): void {
    if (this.stopped) return;
    this.timers.set(stream.model, setTimeout(() => {
      const pass = this.capture.capture(stream).catch((error: Error & { code?: string }) => {
        changeCaptureMetrics.failures.inc({ model: stream.model, code: error.code ?? error.name });
        this.logger.warn(`change capture of ${stream.model} failed, retrying in ${timingOf(this.config, stream.model).pollMs} ms: ${error.message}`);
      });
      this.running.add(pass);
      void pass.finally(() => {
        this.running.delete(pass);
        this.schedule(stream, timingOf(this.config, stream.model).pollMs);
      });
    }, delayMs));
  }
}
