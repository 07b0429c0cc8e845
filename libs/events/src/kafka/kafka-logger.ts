import { Logger } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';

// Re-sending after a failed batch is already covered by consumers' inboxes, so the idempotent
// producer's bounded retries are a deliberate choice, not a misconfiguration worth a warning per producer.
const EXPECTED_WARNINGS = ['Limiting retries for the idempotent producer'];

/** Routes kafkajs logs into the service's (structured) Nest logger. */
export const kafkaLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, ...extra } = log;
    if (EXPECTED_WARNINGS.some((expected) => message.startsWith(expected))) return;
    const line = Object.keys(extra).length > 2 ? `${message} ${JSON.stringify(extra)}` : message;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else logger.log(line);
  };
};
