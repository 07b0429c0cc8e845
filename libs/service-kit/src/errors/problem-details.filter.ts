import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HttpProblem } from './http-problem';
import { PROBLEM_CONTENT_TYPE, toProblem } from './to-problem';

/** The HTTP edge's one error translation: everything thrown becomes `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    // Event transports route their own errors (retry, dead letter); this edge is HTTP only.
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(exception, request.originalUrl.split('?')[0]);
    if (!(exception instanceof HttpProblem || exception instanceof HttpException)) {
      this.logger.error('Unhandled error while handling a request', exception instanceof Error ? exception.stack : String(exception));
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
