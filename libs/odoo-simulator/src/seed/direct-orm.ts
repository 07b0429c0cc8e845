/* Reading and changing data from test code without going through HTTP (so without latency,
 * faults or stats), with the same wire encoding clients see. */
import { Context } from '../orm/env';
import { bindArguments } from '../rpc/bind-arguments';
import { Vals } from '../orm/model-definition';
import { RecordValues } from '../orm/read-records';
import { SearchOptions } from '../orm/search-records';
import { SuperuserTransaction } from './superuser-transaction';

export class DirectOrm {
  constructor(private readonly transact: SuperuserTransaction) {}

  searchRead(model: string, domain: unknown[] = [], fields: string[] | null = null, options: SearchOptions & { context?: Context } = {}): RecordValues[] {
    return this.transact((env) => env.read(model, env.search(model, domain, options), fields), options.context);
  }

  read(model: string, ids: number[], fields: string[] | null = null): RecordValues[] {
    return this.transact((env) => env.read(model, ids, fields));
  }

  search(model: string, domain: unknown[] = [], options: SearchOptions = {}): number[] {
    return this.transact((env) => env.search(model, domain, options));
  }

  create(model: string, vals: Vals, context: Context = {}): number {
    return this.transact((env) => env.createOne(model, vals), context);
  }

  write(model: string, ids: number[], vals: Vals, context: Context = {}): void {
    this.transact((env) => env.write(model, ids, vals), context);
  }

  /** The field names a model has in this server's version. */
  fieldsOf(model: string): string[] {
    return this.transact((env) => [...env.model(model).fields.keys()]);
  }

  /** Runs a model method (action_confirm, button_validate, ...) with named arguments. */
  call(model: string, method: string, ids: number[] = [], args: Record<string, unknown> = {}, context: Context = {}): unknown {
    return this.transact((env) => {
      const definition = env.model(model).methods.get(method);
      if (!definition) throw new Error(`${model} has no method ${method} in Odoo ${env.version}`);
      return definition.run({ env, model, ids, args: bindArguments(definition, [], args, 'signature') });
    }, context);
  }
}
