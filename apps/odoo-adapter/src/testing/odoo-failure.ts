import { OdooError } from '../odoo/odoo-error';

/** The OdooError `promise` fails with; the test fails if it succeeds or fails with anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<OdooError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(OdooError);
  return outcome as OdooError;
}
