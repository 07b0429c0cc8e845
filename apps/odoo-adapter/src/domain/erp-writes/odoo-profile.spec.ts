import { odooProfile } from './odoo-profile';

describe('Odoo version profile', () => {
  it('uses quantity_done and create_returns on 16', () => {
    expect(odooProfile(16)).toEqual({ major: 16, moveDoneField: 'quantity_done', marksPicked: false, createReturnsMethod: 'create_returns' });
  });

  it('uses quantity + picked from 17, and action_create_returns from 18', () => {
    expect(odooProfile(17)).toMatchObject({ moveDoneField: 'quantity', marksPicked: true, createReturnsMethod: 'create_returns' });
    expect(odooProfile(19)).toMatchObject({ moveDoneField: 'quantity', marksPicked: true, createReturnsMethod: 'action_create_returns' });
  });
});
