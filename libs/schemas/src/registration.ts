// Registers catalog schemas with a Confluent-compatible schema registry, each subject under
// BACKWARD_TRANSITIVE. scripts/register-schemas.mjs loads this file through Node's type
// stripping: keep it erasable TypeScript (no enums, no parameter properties) and free of
// relative imports.
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';

/** Every subject's mode: a new version must read data written with every earlier version. */
export const SUBJECT_COMPATIBILITY = COMPATIBILITY.BACKWARD_TRANSITIVE;

export interface SchemaToRegister {
  readonly subject: string;
  /** Self-contained Avro schema JSON (no references to other subjects). */
  readonly schema: object;
}

export interface RegisteredSchema {
  readonly subject: string;
  /** Registry-wide schema id, the one written after the magic byte of each record. */
  readonly id: number;
}

/** The registry refused a schema as incompatible with versions already registered. */
export class IncompatibleSchemaError extends Error {
  readonly subject: string;
  readonly registryMessages: readonly string[];

  constructor(subject: string, registryMessages: readonly string[]) {
    super(`${subject} is incompatible with its registered versions (${SUBJECT_COMPATIBILITY}): ${registryMessages.join('; ')}`);
    this.name = 'IncompatibleSchemaError';
    this.subject = subject;
    this.registryMessages = registryMessages;
  }
}

/** Any other refusal or unexpected answer from the registry (invalid schema, 5xx, ...). */
export class SchemaRegistryRequestError extends Error {
  readonly subject: string;
  readonly status: number;

  constructor(subject: string, status: number, registryMessage: string) {
    super(`${subject}: schema registry answered ${status}: ${registryMessage}`);
    this.name = 'SchemaRegistryRequestError';
    this.subject = subject;
    this.status = status;
  }
}

export type RegistrationFailure = IncompatibleSchemaError | SchemaRegistryRequestError;

/**
 * Registers every schema, continuing past refusals so one run reports all of them.
 * Network errors are not per subject and reject the whole call.
 */
export async function registerSchemas(
  registryUrl: string,
  schemas: readonly SchemaToRegister[],
): Promise<{ registered: RegisteredSchema[]; failures: RegistrationFailure[] }> {
  const client = createClient(registryUrl);
  const registered: RegisteredSchema[] = [];
  const failures: RegistrationFailure[] = [];
  for (const entry of schemas) {
    try {
      registered.push(await register(client, registryUrl, entry));
    } catch (error) {
      if (!(error instanceof IncompatibleSchemaError || error instanceof SchemaRegistryRequestError)) throw error;
      failures.push(error);
    }
  }
  return { registered, failures };
}

/**
 * Sets the subject to BACKWARD_TRANSITIVE, then registers the schema. Re-registering an
 * identical schema returns the existing id. Throws IncompatibleSchemaError when refused.
 */
export async function registerSchema(registryUrl: string, entry: SchemaToRegister): Promise<RegisteredSchema> {
  return register(createClient(registryUrl), registryUrl, entry);
}

/** Sets the subject's compatibility mode (PUT /config/{subject}); works before its first version. */
export async function setSubjectCompatibility(registryUrl: string, subject: string): Promise<void> {
  const { status, body } = await request(registryUrl, 'PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: SUBJECT_COMPATIBILITY });
  if (status !== 200) throw new SchemaRegistryRequestError(subject, status, registryMessage(body));
}

/**
 * Checks the schema against the versions the subject's mode requires (all of them under a
 * transitive mode) and returns the registry's reasons; empty when compatible or new.
 */
export async function findIncompatibilities(registryUrl: string, subject: string, schema: object): Promise<string[]> {
  const path = `/compatibility/subjects/${encodeURIComponent(subject)}/versions?verbose=true`;
  const { status, body } = await request(registryUrl, 'POST', path, { schema: JSON.stringify(schema) });
  if (status === 404) return []; // some registries answer "subject not found" when there is nothing to compare
  if (status !== 200) throw new SchemaRegistryRequestError(subject, status, registryMessage(body));
  const result = body as { is_compatible?: boolean; messages?: string[] };
  if (result.is_compatible) return [];
  return result.messages?.length ? result.messages : ['the registry gave no reason'];
}

async function register(client: SchemaRegistry, registryUrl: string, { subject, schema }: SchemaToRegister): Promise<RegisteredSchema> {
  // Set the mode first: the client only sets it after registering, and only for subjects
  // without a subject-level mode, so a first version could slip in under the global default.
  await setSubjectCompatibility(registryUrl, subject);
  // Registration would refuse too, but the check's verbose answer names the offending fields.
  const reasons = await findIncompatibilities(registryUrl, subject, schema);
  if (reasons.length > 0) throw new IncompatibleSchemaError(subject, reasons);
  try {
    const { id } = await client.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject, compatibility: SUBJECT_COMPATIBILITY });
    return { subject, id };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number') throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (status === 409) throw new IncompatibleSchemaError(subject, [message]);
    throw new SchemaRegistryRequestError(subject, status, message);
  }
}

function createClient(registryUrl: string): SchemaRegistry {
  return new SchemaRegistry({ host: registryUrl, clientId: 'backbone-schemas' });
}

async function request(registryUrl: string, method: string, path: string, body: object): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${registryUrl.replace(/\/+$/, '')}${path}`, {
    method,
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json', Accept: 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text }; // e.g. a proxy's HTML error page
  }
}

function registryMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'message' in body) return String(body.message);
  return typeof body === 'string' && body ? body : 'no message';
}
