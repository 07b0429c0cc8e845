export { OdooClient, LANES, type Lane, type OdooContext, type OdooValues, type SearchReadOptions } from './odoo-client';
export { OdooError, OdooErrorCode } from './odoo-error';
export type { OdooServerVersion } from './odoo-transport';
export { OdooModule } from './odoo.module';
export { createOdooClient } from './create-odoo-client';
