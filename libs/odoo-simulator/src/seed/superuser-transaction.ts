/* Runs setup and inspection code as OdooBot in one committed transaction, outside HTTP: no
 * latency, no worker, no stats, no faults. */
import { Catalog } from '../orm/catalog';
import { Context, Env } from '../orm/env';
import { SUPERUSER } from '../rpc/authentication';
import { Store } from '../store/store';
import { Transaction } from '../store/transaction';

export type SuperuserTransaction = <T>(work: (env: Env) => T, context?: Context) => T;

export function superuserTransaction(catalog: Catalog, store: Store, clock: () => Date): SuperuserTransaction {
  return (work, context = {}) => {
    const tx = new Transaction(store);
    const result = work(new Env(catalog, tx, SUPERUSER, clock().getTime(), context));
    tx.commit();
    return result;
  };
}
