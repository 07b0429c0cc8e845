/* BaseModel.unlink, with the foreign keys PostgreSQL enforces afterwards: cascade, set null, or
 * restrict (a ValidationError). Cascaded rows go without their model's unlink overrides, like
 * rows deleted by ON DELETE CASCADE. Ids already gone are ignored, as in Odoo. */
import { Env } from './env';
import { foreignKeyViolation, tableName } from './integrity';

export function unlinkRecords(env: Env, model: string, ids: number[]): void {
  const existing = ids.filter((id) => env.exists(model, id));
  if (!existing.length) return;
  const remove = () => deleteRows(env, model, existing);
  const override = env.model(model).definition.overrides?.unlink;
  if (override) override(env, existing, remove);
  else remove();
}

function deleteRows(env: Env, model: string, ids: number[]): void {
  const doomed = new Set(ids.filter((id) => env.exists(model, id)));
  if (!doomed.size) return;
  for (const id of doomed) env.tx.remove(model, id);
  for (const { model: referrer, field } of env.catalog.referencesTo(model)) {
    for (const rowId of env.tx.ids(referrer.name)) {
      const row = env.tx.get(referrer.name, rowId)!;
      const value = row[field.name];
      if (field.type === 'many2many') {
        const kept = (value as number[]).filter((id) => !doomed.has(id));
        if (kept.length !== (value as number[]).length) env.tx.put(referrer.name, { ...row, [field.name]: kept });
      } else if (doomed.has(value as number)) {
        const ondelete = field.ondelete ?? (field.required ? 'restrict' : 'set null');
        if (ondelete === 'cascade') deleteRows(env, referrer.name, [rowId]);
        else if (ondelete === 'set null') env.tx.put(referrer.name, { ...row, [field.name]: false });
        else throw foreignKeyViolation(referrer, `${tableName(referrer.name)}_${field.name}_fkey`);
      }
    }
  }
}
