import { uuidv7 } from 'uuidv7';

/** Event ids are UUIDv7: unique and roughly time-ordered, which keeps inbox indexes compact. */
export function newEventId(): string {
  return uuidv7();
}
