/** An event a service wants published. Transport metadata travels in headers, not in the payload. */
export interface OutgoingEvent<TPayload = unknown> {
  /** Avro full name, e.g. `backbone.orders.OrderReceived`; decides topic and schema. */
  type: string;
  /** Aggregate id; keeps one aggregate's events in order on one partition. */
  key: string;
  payload: TPayload;
  eventId?: string;
  correlationId?: string;
  /** The event id that caused this one. */
  causationId?: string;
  occurredAt?: Date;
}

/** What a consumer knows about the event it is handling; pass it on to caused events. */
export interface EventCause {
  eventId: string;
  correlationId: string;
}

/** Correlation and causation for an event caused by `cause`. */
export function causedBy(cause: EventCause): Pick<OutgoingEvent, 'correlationId' | 'causationId'> {
  return { correlationId: cause.correlationId, causationId: cause.eventId };
}
