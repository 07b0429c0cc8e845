/** One invalid input field of a rejected request. */
export interface InvalidField {
  /** Dotted path into the request, e.g. `lines.0.quantity`. */
  field: string;
  message: string;
}

export interface HttpProblemInit {
  status: number;
  /** Stable, machine-readable code, e.g. `ORDER.CREDIT_HOLD`. */
  code: string;
  title: string;
  detail?: string;
  errors?: readonly InvalidField[];
  /** Extra members for the problem document (RFC 9457 extensions). */
  extensions?: Readonly<Record<string, unknown>>;
}

/** An error the HTTP edge turns into an RFC 9457 problem document as is. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors?: readonly InvalidField[];
  readonly extensions?: Readonly<Record<string, unknown>>;

  constructor(init: HttpProblemInit) {
    super(init.detail ?? init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.errors = init.errors;
    this.extensions = init.extensions;
  }
}
