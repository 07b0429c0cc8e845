import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// OpenAPI descriptions of the JSON the controller returns (the queue's types, instants as ISO strings).

export class ActorDto {
  @ApiProperty({ example: 'user', description: 'user, service, anonymous (api-key once authentication is on)' })
  kind!: string;
  @ApiProperty({ example: 'ops-anna' })
  id!: string;
}

export class SubjectDto {
  @ApiProperty({ example: 'order' })
  type!: string;
  @ApiProperty({ example: '0193f2c4-1c7a-7a55-9b1e-2f0c1d6e4a10' })
  id!: string;
}

export class BusinessExceptionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'order-service' })
  service!: string;
  @ApiProperty({ example: 'ORDER.CREDIT_HOLD' })
  code!: string;
  @ApiProperty({ example: 'Customer C-1 is on credit hold' })
  message!: string;
  @ApiProperty({ type: SubjectDto })
  subject!: SubjectDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { customerId: 'C-1' } })
  details!: Record<string, string>;
  @ApiProperty({ type: String, nullable: true })
  sourceEventId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  correlationId!: string | null;
  @ApiProperty({ enum: ['OPEN', 'RESOLVED'] })
  status!: string;
  @ApiProperty({ enum: ['RETRIED', 'OVERRIDDEN', 'REJECTED'], nullable: true })
  resolution!: string | null;
  @ApiProperty({ description: 'Retries run so far' })
  attempts!: number;
  @ApiProperty({ description: 'Times raised while open (1 at first)' })
  occurrences!: number;
  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;
  @ApiProperty({ format: 'date-time' })
  lastSeenAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: string | null;
  @ApiProperty({ type: ActorDto, nullable: true })
  resolvedBy!: ActorDto | null;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
}

export class AuditEntryDto {
  @ApiProperty()
  id!: string;
  @ApiProperty({ enum: ['RAISED', 'RETRY_FAILED', 'RETRIED', 'OVERRIDDEN', 'REJECTED'] })
  action!: string;
  @ApiProperty({ type: ActorDto })
  actor!: ActorDto;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ format: 'date-time' })
  at!: string;
  @ApiProperty({ type: BusinessExceptionDto, nullable: true })
  before!: BusinessExceptionDto | null;
  @ApiProperty({ type: BusinessExceptionDto })
  after!: BusinessExceptionDto;
}

export class ExceptionWithAuditDto extends BusinessExceptionDto {
  @ApiProperty({ type: [AuditEntryDto], description: 'Oldest first' })
  audit!: AuditEntryDto[];
}

export class ExceptionPageDto {
  @ApiProperty({ type: [BusinessExceptionDto], description: 'Newest raised first' })
  items!: BusinessExceptionDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class ResolveOutcomeDto {
  @ApiProperty({ enum: ['RESOLVED', 'STILL_OPEN'], description: 'STILL_OPEN: the retry ran and the same failure came back' })
  outcome!: string;
  @ApiProperty({ type: BusinessExceptionDto })
  exception!: BusinessExceptionDto;
}

export class ReasonBodyDto {
  @ApiProperty({ example: 'Customer paid by wire, see ticket 881', description: 'Why; recorded in the audit trail and on ExceptionResolved' })
  reason!: string;
}

export class RetryBodyDto {
  @ApiPropertyOptional({ example: 'Customer master data fixed' })
  reason?: string;
}

export class ProblemDto {
  @ApiProperty({ example: '/problems/EXCEPTION.ALREADY_RESOLVED' })
  type!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty()
  status!: number;
  @ApiPropertyOptional()
  detail?: string;
  @ApiProperty()
  instance!: string;
  @ApiProperty({ example: 'EXCEPTION.ALREADY_RESOLVED' })
  code!: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } })
  errors?: { field: string; message: string }[];
}
