import { OdooError } from './odoo-errors';

/** The `data` of a JSON-RPC error and the whole body of a JSON-2 error (odoo/http.py serialize_exception). */
export interface SerializedException {
  name: string;
  message: string;
  arguments: readonly unknown[];
  context: Record<string, unknown>;
  debug: string;
}

export function serializeException(error: OdooError): SerializedException {
  return {
    name: error.pythonName,
    message: error.message,
    arguments: error.pythonArgs,
    context: {},
    debug: pythonTraceback(error),
  };
}

// A real traceback names Odoo's source lines; clients only display or log it, so a faithful shape
// (header, frame, final "Class: message" line) is enough, and the simulator's own stack aids debugging.
function pythonTraceback(error: OdooError): string {
  const last = `${error.pythonName}: ${error.message}\n`;
  if (!error.hasTraceback) return last;
  const frame = error.pythonName === 'builtins.Exception' && error.stack ? error.stack : '  File "odoo-simulator", in call';
  return `Traceback (most recent call last):\n${frame}\n${last}`;
}
