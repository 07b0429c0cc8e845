/* Injectable failures, each limited to matching calls (by API, model, method) and to a number of
 * occurrences (`once`, `times: n`, or until cleared):
 * - serialization-failure: the call runs, then rolls back with the error Odoo surfaces after its
 *   own retries (JSON-RPC data.name psycopg2.errors.SerializationFailure; JSON-2 500);
 * - http-status: a proxy in front answers 429/502/503/504 without reaching Odoo;
 * - timeout: the request is never answered (or, with holdMs, the connection is dropped after it);
 *   with afterCommit the call's effects are committed first, the ambiguous case;
 * - delay: the call takes `ms` longer inside its transaction (a slow transaction that commits
 *   rows stamped with an older write_date). */
import { Api, CallKey } from './call-stats';

export type FaultKind =
  | { kind: 'serialization-failure' }
  | { kind: 'http-status'; status: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number }
  | { kind: 'timeout'; holdMs?: number; afterCommit?: boolean }
  | { kind: 'delay'; ms: number };

export interface FaultMatch {
  api?: Api;
  model?: string;
  method?: string;
}

export type FaultRule = FaultKind & {
  match?: FaultMatch;
  /** Shorthand for times: 1. */
  once?: boolean;
  /** How many matching calls fail; unlimited until cleared when absent. */
  times?: number;
};

export interface FaultHandle {
  readonly id: number;
  /** Matching calls that got this fault so far. */
  readonly hits: number;
  clear(): void;
}

interface ActiveFault {
  id: number;
  rule: FaultRule;
  remaining: number;
  hits: number;
}

export class FaultInjector {
  private readonly active: ActiveFault[] = [];
  private nextId = 1;

  inject(rule: FaultRule): FaultHandle {
    const fault: ActiveFault = { id: this.nextId++, rule, remaining: rule.once ? 1 : (rule.times ?? Number.POSITIVE_INFINITY), hits: 0 };
    this.active.push(fault);
    return {
      id: fault.id,
      get hits() {
        return fault.hits;
      },
      clear: () => this.remove(fault),
    };
  }

  clear(): void {
    this.active.length = 0;
  }

  /** Faults still armed, in injection order. */
  list(): FaultRule[] {
    return this.active.map((fault) => fault.rule);
  }

  /** The first armed fault matching this call, consuming one occurrence of it. */
  take(call: CallKey): FaultKind | undefined {
    const fault = this.active.find((candidate) => matches(candidate.rule.match, call));
    if (!fault) return undefined;
    fault.hits++;
    if (--fault.remaining <= 0) this.remove(fault);
    return fault.rule;
  }

  private remove(fault: ActiveFault): void {
    const index = this.active.indexOf(fault);
    if (index >= 0) this.active.splice(index, 1);
  }
}

function matches(match: FaultMatch | undefined, call: CallKey): boolean {
  return (
    (match?.api === undefined || match.api === call.api) &&
    (match?.model === undefined || match.model === call.model) &&
    (match?.method === undefined || match.method === call.method)
  );
}
