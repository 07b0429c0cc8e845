import { Store } from './store';
import { Transaction } from './transaction';

describe('Transaction over Store', () => {
  function storeWith(rows: Array<{ id: number; colour: string }>): Store {
    const store = new Store();
    const tx = new Transaction(store);
    rows.forEach((row) => tx.put('thing', row));
    tx.commit();
    return store;
  }

  it('shows its own writes, and nothing of them to others until commit', () => {
    const store = storeWith([{ id: 1, colour: 'red' }]);
    const tx = new Transaction(store);
    tx.put('thing', { id: 2, colour: 'blue' });
    tx.remove('thing', 1);
    expect(tx.ids('thing')).toEqual([2]);
    expect(new Transaction(store).ids('thing')).toEqual([1]);
    tx.commit();
    expect(new Transaction(store).ids('thing')).toEqual([2]);
  });

  it('answers equality lookups from the index merged with its own changes', () => {
    const store = storeWith([{ id: 1, colour: 'red' }, { id: 2, colour: 'red' }, { id: 3, colour: 'blue' }]);
    const tx = new Transaction(store);
    expect(tx.idsWhere('thing', 'colour', 'red').sort()).toEqual([1, 2]);
    tx.put('thing', { id: 2, colour: 'blue' });
    tx.put('thing', { id: 4, colour: 'red' });
    tx.remove('thing', 1);
    expect(tx.idsWhere('thing', 'colour', 'red')).toEqual([4]);
    expect(tx.idsWhere('thing', 'colour', 'blue').sort()).toEqual([2, 3]);
    expect(new Transaction(store).idsWhere('thing', 'colour', 'red').sort()).toEqual([1, 2]);
    tx.commit();
    expect(new Transaction(store).idsWhere('thing', 'colour', 'red')).toEqual([4]);
    expect(new Transaction(store).idsWhere('thing', 'colour', 'blue').sort()).toEqual([2, 3]);
  });

  it('keeps drawn ids and sequence numbers when it is dropped, like PostgreSQL sequences', () => {
    const store = new Store();
    const dropped = new Transaction(store);
    expect([dropped.newId('thing'), dropped.nextValue('sequence:x')]).toEqual([1, 1]);
    const next = new Transaction(store);
    expect([next.newId('thing'), next.nextValue('sequence:x')]).toEqual([2, 2]);
  });

  it('refuses to commit twice', () => {
    const tx = new Transaction(new Store());
    tx.commit();
    expect(() => tx.commit()).toThrow('transaction already committed');
  });
});
