/* What the RPC services share: the compiled models, the data, the users and the call pipeline. */
import { Catalog } from '../orm/catalog';
import { OdooVersion } from '../orm/model-definition';
import { Store } from '../store/store';
import { UserDirectory } from './authentication';
import { CallGateway } from './call-gateway';

export interface Runtime {
  database: string;
  version: OdooVersion;
  catalog: Catalog;
  store: Store;
  users: UserDirectory;
  gateway: CallGateway;
}
