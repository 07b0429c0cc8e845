import { Body, Controller, Get, NotFoundException, Post, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { z } from 'zod';
import { HttpProblem } from './http-problem';
import { parseRequest } from './parse-request';
import { ProblemDetailsFilter } from './problem-details.filter';

const placeOrder = z.object({ customerId: z.string().min(1), lines: z.array(z.object({ sku: z.string(), quantity: z.number().positive() })).min(1) });

@Controller('orders')
class OrdersController {
  @Post()
  place(@Body() body: unknown): { accepted: true } {
    parseRequest(placeOrder, body);
    return { accepted: true };
  }

  @Get('on-hold')
  onHold(): never {
    throw new HttpProblem({ status: 409, code: 'ORDER.CREDIT_HOLD', title: 'Customer on credit hold', detail: 'Customer C-1 is on credit hold', extensions: { customerId: 'C-1' } });
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('Order 42 does not exist');
  }

  @Get('broken')
  broken(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'secret')");
  }
}

describe('ProblemDetailsFilter', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [OrdersController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it('answers a domain problem with its status, code and extensions as application/problem+json', async () => {
    const response = await request(app.getHttpServer()).get('/orders/on-hold?page=2');

    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.text)).toEqual({
      type: '/problems/ORDER.CREDIT_HOLD',
      title: 'Customer on credit hold',
      status: 409,
      detail: 'Customer C-1 is on credit hold',
      instance: '/orders/on-hold',
      code: 'ORDER.CREDIT_HOLD',
      customerId: 'C-1',
    });
  });

  it('names every invalid field of a rejected request', async () => {
    const response = await request(app.getHttpServer()).post('/orders').send({ customerId: '', lines: [{ sku: 'A-1', quantity: -1 }] });

    expect(response.status).toBe(400);
    const problem = JSON.parse(response.text);
    expect(problem.code).toBe('REQUEST.INVALID');
    expect(problem.errors.map((error: { field: string }) => error.field)).toEqual(['customerId', 'lines.0.quantity']);
  });

  it("keeps Nest's HTTP exceptions' status and message", async () => {
    const response = await request(app.getHttpServer()).get('/orders/missing');

    expect(JSON.parse(response.text)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Order 42 does not exist',
      instance: '/orders/missing',
      code: 'HTTP.NOT_FOUND',
    });
  });

  it('answers an unknown route with a problem too', async () => {
    const response = await request(app.getHttpServer()).get('/nowhere');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('hides the details of an unexpected error behind a 500', async () => {
    const response = await request(app.getHttpServer()).get('/orders/broken');

    expect(response.status).toBe(500);
    expect(JSON.parse(response.text)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/orders/broken',
      code: 'INTERNAL',
    });
  });
});
