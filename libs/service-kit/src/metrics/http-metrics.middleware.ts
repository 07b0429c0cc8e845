import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { requestRoute } from '../http/request-route';

const requestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
});

/** Express middleware: observes every request's duration once its response closes. */
export function recordHttpMetrics(req: Request, res: Response, next: NextFunction): void {
  const stopTimer = requestDuration.startTimer({ method: req.method });
  // Unmatched paths share one label so scanners cannot explode the series count.
  res.once('close', () => stopTimer({ route: requestRoute(req) ?? 'unmatched', status_code: res.statusCode }));
  next();
}
