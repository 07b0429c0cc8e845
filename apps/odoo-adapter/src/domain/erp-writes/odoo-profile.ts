/** Field and method names that differ between Odoo versions (see odoo-api-contract.md). */
export interface OdooProfile {
  major: number;
  /** stock.move done quantity: `quantity` (+ `picked`) from 17, `quantity_done` in 16. */
  moveDoneField: 'quantity' | 'quantity_done';
  /** From 17 only moves marked `picked` count once any is. */
  marksPicked: boolean;
  /** stock.return.picking: `action_create_returns` from 18, `create_returns` before. */
  createReturnsMethod: 'action_create_returns' | 'create_returns';
}

export function odooProfile(major: number): OdooProfile {
  return {
    major,
    moveDoneField: major >= 17 ? 'quantity' : 'quantity_done',
    marksPicked: major >= 17,
    createReturnsMethod: major >= 18 ? 'action_create_returns' : 'create_returns',
  };
}
