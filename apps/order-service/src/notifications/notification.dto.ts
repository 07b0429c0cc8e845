import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFIABLE_EVENTS } from './order-notification';

// OpenAPI descriptions of the notification API's bodies (instants as ISO strings).

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'webshop', description: 'Channel slug, as orders carry it (OrderReceived.channel)' })
  channel!: string;
  @ApiProperty({ example: 'https://shop.example.com/backbone/order-status' })
  url!: string;
  @ApiProperty({ example: 'webshop', description: 'Name of a secret in CHANNEL_NOTIFICATION_SECRETS; the secret itself is never sent or shown' })
  secretName!: string;
  @ApiProperty({ enum: NOTIFIABLE_EVENTS, isArray: true, example: ['OrderConfirmed', 'OrderShipmentRecorded', 'OrderCancelled'] })
  eventTypes!: string[];
  @ApiPropertyOptional({ default: true, description: 'An inactive subscription records nothing new and holds what it has pending' })
  active?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  description?: string | null;
}

export class UpdateSubscriptionDto {
  @ApiPropertyOptional()
  url?: string;
  @ApiPropertyOptional()
  secretName?: string;
  @ApiPropertyOptional({ enum: NOTIFIABLE_EVENTS, isArray: true })
  eventTypes?: string[];
  @ApiPropertyOptional()
  active?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true })
  description?: string | null;
}

export class SubscriptionDto extends CreateSubscriptionDto {
  @ApiProperty({ format: 'uuid' })
  subscriptionId!: string;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class SubscriptionListDto {
  @ApiProperty({ type: SubscriptionDto, isArray: true })
  items!: SubscriptionDto[];
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' })
  deliveryId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null once the subscription is deleted' })
  subscriptionId!: string | null;
  @ApiProperty({ example: 'webshop' })
  channel!: string;
  @ApiProperty()
  orderId!: string;
  @ApiProperty()
  eventId!: string;
  @ApiProperty({ example: 'OrderShipmentRecorded' })
  eventType!: string;
  @ApiProperty()
  correlationId!: string;
  @ApiProperty({ enum: ['PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'] })
  status!: string;
  @ApiProperty({ description: 'Attempts since the delivery was (re)queued' })
  attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a pending delivery is tried next' })
  nextAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true })
  lastStatusCode!: number | null;
  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;
}

export class DeliveryPageDto {
  @ApiProperty({ type: DeliveryDto, isArray: true })
  items!: DeliveryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next (older) page' })
  nextCursor!: string | null;
}

export class AttemptDto {
  @ApiProperty({ description: 'Running number over the delivery’s whole life' })
  attempt!: number;
  @ApiProperty({ format: 'date-time' })
  startedAt!: string;
  @ApiProperty()
  latencyMs!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null when no response came (refused, reset, timed out)' })
  statusCode!: number | null;
  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'First KiB of the response body' })
  responseExcerpt!: string | null;
  @ApiProperty({ enum: ['DELIVERED', 'RETRY', 'FAILED'] })
  outcome!: string;
}

export class DeliveryWithAttemptsDto extends DeliveryDto {
  @ApiProperty({ description: 'The JSON body sent, exactly as signed' })
  body!: string;
  @ApiProperty({ type: AttemptDto, isArray: true })
  attemptLog!: AttemptDto[];
}
