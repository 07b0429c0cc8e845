/**
 * knex query options making node-postgres use a named prepared statement: PostgreSQL parses and
 * plans it once per connection, not on every call. For the intake path's fixed statements only
 * (the SQL under one name must never change; pg refuses a name reused with another text).
 */
export function prepared(name: string): { name: string } {
  return { name };
}
