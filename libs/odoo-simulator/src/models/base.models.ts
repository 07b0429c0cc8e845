/* base: users, partners, countries, units of measure, external identifiers. */
import { partnerCredit } from '../business/partner-credit';
import { boolean, char, float, integer, many2one, many2oneReference, monetary, selection } from '../orm/field-builders';
import { ModelDefinition } from '../orm/model-definition';

export const resUsers: ModelDefinition = {
  name: 'res.users',
  description: 'User',
  fields: [char('name', 'Name', { required: true }), char('login', 'Login', { required: true }), boolean('active', 'Active', { default: true })],
  constraints: [{ name: 'login_key', unique: ['login'], message: 'You can not have two users with the same login !' }],
};

export const resCountry: ModelDefinition = {
  name: 'res.country',
  description: 'Country',
  order: 'name',
  fields: [char('name', 'Country Name', { required: true }), char('code', 'Country Code')],
  constraints: [{ name: 'code_uniq', unique: ['code'], message: 'The code of the country must be unique!' }],
};

export const resPartner: ModelDefinition = {
  name: 'res.partner',
  description: 'Contact',
  order: 'name, id desc',
  parentField: 'parent_id',
  fields: [
    char('name', 'Name'),
    char('ref', 'Reference'),
    char('vat', 'Tax ID'),
    char('email', 'Email'),
    char('phone', 'Phone'),
    char('street', 'Street'),
    char('street2', 'Street2'),
    char('city', 'City'),
    char('zip', 'Zip'),
    many2one('country_id', 'Country', 'res.country'),
    many2one('parent_id', 'Related Company', 'res.partner'),
    selection('type', 'Address Type', [['contact', 'Contact'], ['invoice', 'Invoice Address'], ['delivery', 'Delivery Address'], ['other', 'Other Address']], { default: 'contact' }),
    boolean('is_company', 'Is a Company', { default: false }),
    boolean('active', 'Active', { default: true }),
    integer('customer_rank', 'Customer Rank', { default: 0 }),
    integer('supplier_rank', 'Supplier Rank', { default: 0 }),
    float('credit_limit', 'Credit Limit', { default: 0 }),
    boolean('use_partner_credit_limit', 'Partner Limit', { default: false }),
    monetary('credit', 'Total Receivable', { compute: (env, id) => partnerCredit(env, id) }),
    many2one('property_product_pricelist', 'Pricelist', 'product.pricelist'),
  ],
  displayName: (env, id) => {
    const name = (env.stored('res.partner', id, 'name') as string | false) || '';
    const parent = env.ref('res.partner', id, 'parent_id');
    return parent && !env.stored('res.partner', id, 'is_company') ? `${env.displayName('res.partner', parent)}, ${name}` : name;
  },
  nameSearchFields: ['email', 'ref', 'vat'],
  constraints: [{ name: 'check_name', check: (row) => row.type !== 'contact' || Boolean(row.name), message: 'Contacts require a name' }],
};

export const uomUom: ModelDefinition = {
  name: 'uom.uom',
  description: 'Product Unit of Measure',
  order: 'id',
  fields: [
    char('name', 'Unit of Measure', { required: true }),
    selection('uom_type', 'Type', [['bigger', 'Bigger than the reference Unit of Measure'], ['reference', 'Reference Unit of Measure for this category'], ['smaller', 'Smaller than the reference Unit of Measure']], { default: 'reference' }),
    float('factor', 'Ratio', { default: 1 }),
    float('rounding', 'Rounding Precision', { default: 0.01 }),
    boolean('active', 'Active', { default: true }),
  ],
};

export const irModelData: ModelDefinition = {
  name: 'ir.model.data',
  description: 'Model Data',
  order: 'module, model, name',
  fields: [
    char('name', 'External Identifier', { required: true }),
    char('module', 'Module', { required: true, default: '' }),
    char('model', 'Model Name', { required: true }),
    many2oneReference('res_id', 'Record ID'),
    boolean('noupdate', 'Non Updatable', { default: false }),
    char('complete_name', 'Complete ID', {
      compute: (env, id) => `${env.stored('ir.model.data', id, 'module')}.${env.stored('ir.model.data', id, 'name')}`,
    }),
  ],
  displayName: (env, id) => env.get('ir.model.data', id, 'complete_name') as string,
  constraints: [
    { name: 'name_nospaces', check: (row) => !String(row.name).includes(' '), message: 'External IDs cannot contain spaces' },
    { name: 'ir_model_data_module_name_uniq_index', unique: ['module', 'name'] },
  ],
  // ir.model.access.csv: base.group_user may read and create external ids, only admins change them.
  internalUserAccess: { read: true, create: true, write: false, unlink: false },
};
