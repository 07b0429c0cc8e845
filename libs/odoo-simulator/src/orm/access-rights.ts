/* ir.model.access for the one model whose ACL the adapter depends on (ir.model.data: internal
 * users may read and create, not write or delete). Message as in ir.model.access._make_access_error. */
import { accessError } from '../errors/odoo-errors';
import { ModelSchema } from './catalog';
import { Env } from './env';
import { AccessOperation } from './model-definition';

const VERB: Record<AccessOperation, string> = { read: 'access', write: 'modify', create: 'create', unlink: 'delete' };

export function checkModelAccess(env: Env, schema: ModelSchema, operation: AccessOperation): void {
  const allowed = schema.definition.internalUserAccess;
  if (env.user.admin || !allowed || allowed[operation]) return;
  throw accessError(
    `You are not allowed to ${VERB[operation]} '${schema.description}' (${schema.name}) records.\n\n` +
      'This operation is allowed for the following groups:\n\t- Administration / Settings\n\n' +
      'Contact your administrator to request access if necessary.',
  );
}
