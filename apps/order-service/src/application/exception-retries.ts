import { ExceptionQueue } from '@backbone/exceptions';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ERP_SYNC_FAILED, ErpOutcomes } from './erp-outcomes';
import { GATE_CODES, ValidationGates } from './validation-gates';

/**
 * What "retry" means per exception code (POST /exceptions/:id/retry): a failed gate re-runs the
 * gates on the held order; a failed ERP write sends the sale order again. The handler runs in the
 * resolving transaction; raising the same code again keeps the exception open.
 */
const RETRIED = { code: 'ORDER.GATES_RETRIED', message: 'gates re-run by a retry in the exception queue' };

@Injectable()
export class ExceptionRetries implements OnModuleInit {
  constructor(
    private readonly exceptions: ExceptionQueue,
    private readonly gates: ValidationGates,
    private readonly erp: ErpOutcomes,
  ) {}

  onModuleInit(): void {
    for (const code of GATE_CODES) {
      this.exceptions.registerRetryHandler(code, (trx, exception) =>
        this.gates.revalidate(trx, exception.subject.id, { kind: 'operator', id: 'exception-retry' }, { correlationId: exception.correlationId ?? undefined }, RETRIED),
      );
    }
    this.exceptions.registerRetryHandler(ERP_SYNC_FAILED, (trx, exception) => this.erp.resend(trx, exception.subject.id, { kind: 'operator', id: 'exception-retry' }, { correlationId: exception.correlationId ?? undefined }));
  }
}
