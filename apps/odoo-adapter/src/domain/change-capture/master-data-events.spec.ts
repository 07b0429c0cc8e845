import { invoiceChanged, partnerChanged, productChanged, stockLevelChanged } from './master-data-events';

const changedAt = new Date('2026-11-23T10:00:00Z');

describe('master-data events from Odoo rows', () => {
  it('maps a product by its internal reference, with its unit and list price as a decimal string', () => {
    const row = { id: 5, default_code: 'SKU-1', name: 'Drill', barcode: false, uom_id: [1, 'Units'], list_price: 129.1, active: false, write_date: '2026-11-23 10:00:00' };
    expect(productChanged(row, 'EUR')).toEqual({ productId: 5, sku: 'SKU-1', name: 'Drill', barcode: null, uom: 'Units', listPrice: { amount: '129.1', currency: 'EUR' }, active: false, changedAt });
  });

  it('publishes nothing for a product without an internal reference', () => {
    expect(productChanged({ id: 6, default_code: false, name: 'Misc', write_date: '2026-11-23 10:00:00' }, 'EUR')).toBeNull();
  });

  const partner = {
    id: 9, parent_id: false, name: 'ACME', is_company: true, email: 'ap@acme.test', phone: false, vat: 'DE1', street: 'Main St 1', street2: false, city: 'Berlin', zip: '10115',
    country_id: [57, 'Germany'], credit_limit: 1000, use_partner_credit_limit: true, credit: 1200.5, active: true, ref: 'C-ACME', property_product_pricelist: [3, 'B2B'], write_date: '2026-11-23 10:00:00',
  };

  it('maps a partner with ref, pricelist, address (country by ISO code) and the credit-hold rule', () => {
    const event = partnerChanged(partner, { currency: 'EUR', countryCodes: new Map([[57, 'DE']]), holdFlagField: null });
    expect(event).toEqual({
      partnerId: 9, parentId: null, name: 'ACME', isCompany: true, email: 'ap@acme.test', vat: 'DE1',
      address: { name: 'ACME', street: 'Main St 1', street2: null, city: 'Berlin', postalCode: '10115', region: null, countryCode: 'DE', phone: null, email: 'ap@acme.test' },
      creditLimit: { amount: '1000', currency: 'EUR' }, onCreditHold: true, active: true, ref: 'C-ACME', pricelistId: 3, changedAt,
    });
  });

  it('has no address when Odoo lacks street, city or country, no limit when the partner uses none, and honours the flag field', () => {
    const event = partnerChanged({ ...partner, city: false, use_partner_credit_limit: false, x_credit_hold: true }, { currency: 'EUR', countryCodes: new Map(), holdFlagField: 'x_credit_hold' });
    expect(event).toMatchObject({ address: null, creditLimit: null, onCreditHold: true });
  });

  it('maps an invoice; a draft named "/" has no number', () => {
    const row = { id: 4, name: '/', move_type: 'out_refund', partner_id: [9, 'ACME'], invoice_origin: 'S00001', ref: 'order-1', state: 'draft', payment_state: 'not_paid', amount_total: 119, amount_residual: 119, invoice_date: false, write_date: '2026-11-23 10:00:00' };
    expect(invoiceChanged(row, 'EUR')).toEqual({
      invoiceId: 4, name: null, moveType: 'OUT_REFUND', partnerId: 9, origin: 'S00001', reference: 'order-1', state: 'draft', paymentState: 'not_paid',
      amountTotal: { amount: '119', currency: 'EUR' }, amountResidual: { amount: '119', currency: 'EUR' }, invoiceDate: null, changedAt,
    });
  });

  it('maps a quant to the stock level of its SKU at the location full name', () => {
    const row = { id: 2, product_id: [5, '[SKU-1] Drill'], location_id: [8, 'WH/Stock'], quantity: 12, reserved_quantity: 2.5, write_date: '2026-11-23 10:00:00' };
    expect(stockLevelChanged(row, { sku: 'SKU-1', uom: 'Units' })).toEqual({ sku: 'SKU-1', productId: 5, locationId: 'WH/Stock', onHand: { value: '12', uom: 'Units' }, reserved: { value: '2.5', uom: 'Units' }, changedAt });
    expect(stockLevelChanged(row, undefined)).toBeNull();
  });
});
