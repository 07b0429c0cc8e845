import { Writable } from 'node:stream';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import express from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import request from 'supertest';
import { CORRELATION_ID_HEADER, httpLoggerOptions } from './http-logger.options';

const options = httpLoggerOptions({ SERVICE_NAME: 'order-service', LOG_LEVEL: 'info' });

function captureLines(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line)) };
}

function appLoggingTo(stream: Writable): express.Express {
  return express()
    .use(pinoHttp(options, stream))
    .get('/orders', (req, res) => {
      req.log.info('listing orders');
      res.json([]);
    });
}

describe('httpLoggerOptions', () => {
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(() => context.setGlobalContextManager(contextManager.enable()));
  afterAll(() => context.disable());

  it('writes JSON lines with the service name and the active span’s trace and span ids', () => {
    const { stream, lines } = captureLines();
    const logger = pino(options, stream);
    const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED });

    context.with(trace.setSpan(context.active(), span), () => logger.info('reserved'));
    logger.info('outside any span');

    const [inside, outside] = lines();
    expect(inside).toMatchObject({ level: 'info', service: 'order-service', msg: 'reserved', trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' });
    expect(outside).not.toHaveProperty('trace_id');
  });

  it('tags every line of a request with its correlation id and echoes it', async () => {
    const { stream, lines } = captureLines();

    const response = await request(appLoggingTo(stream)).get('/orders').set(CORRELATION_ID_HEADER, 'edi-850-000123');

    expect(response.headers[CORRELATION_ID_HEADER]).toBe('edi-850-000123');
    const [handlerLine, completedLine] = lines();
    expect(handlerLine).toMatchObject({ msg: 'listing orders', correlation_id: 'edi-850-000123' });
    expect(handlerLine).not.toHaveProperty('req');
    expect(completedLine).toMatchObject({ msg: 'request completed', correlation_id: 'edi-850-000123' });
  });

  it('issues a fresh correlation id when the caller sends none or an implausible one', async () => {
    const { stream } = captureLines();
    const app = appLoggingTo(stream);

    const none = await request(app).get('/orders');
    const implausible = await request(app).get('/orders').set(CORRELATION_ID_HEADER, 'x'.repeat(500));

    expect(none.headers[CORRELATION_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
    expect(implausible.headers[CORRELATION_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('describes the request by method, url, user agent and forwarded client, without its headers', async () => {
    const { stream, lines } = captureLines();

    await request(appLoggingTo(stream)).get('/orders?status=VALIDATED').set('user-agent', 'webshop/2.1').set('x-forwarded-for', '203.0.113.7').set('x-api-key', 'bb_secret');

    const completedLine = lines().find((line) => line.msg === 'request completed');
    expect(completedLine?.req).toMatchObject({ method: 'GET', url: '/orders?status=VALIDATED', userAgent: 'webshop/2.1', forwardedFor: '203.0.113.7' });
    expect(completedLine?.req).not.toHaveProperty('headers');
  });

  it('keeps credentials out of request logs', async () => {
    const { stream, lines } = captureLines();

    await request(appLoggingTo(stream)).get('/orders').set('authorization', 'Bearer secret-token');

    expect(JSON.stringify(lines())).not.toContain('secret-token');
  });
});
