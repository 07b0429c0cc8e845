import { pickStock, rankCandidates, reservationStatus } from './reservation-policy';

const candidate = (locationId: string, available: string) => ({ locationId, available });

describe('reservation policy', () => {
  describe('rankCandidates', () => {
    const candidates = [candidate('WH-B', '5'), candidate('WH-A', '5'), candidate('WH-C', '9'), candidate('WH-D', '0.5')];

    it('asks the preferred warehouse first, then the one with most available, then by location id', () => {
      expect(rankCandidates(candidates, 'WH-D').map((ranked) => ranked.locationId)).toEqual(['WH-D', 'WH-C', 'WH-A', 'WH-B']);
    });

    it('ranks by availability alone without a preferred warehouse', () => {
      expect(rankCandidates(candidates, null).map((ranked) => ranked.locationId)).toEqual(['WH-C', 'WH-A', 'WH-B', 'WH-D']);
    });

    it('gives the same order whatever order the candidates come in', () => {
      expect(rankCandidates([...candidates].reverse(), 'WH-B')).toEqual(rankCandidates(candidates, 'WH-B'));
    });

    it('compares availability as decimals, not as text', () => {
      expect(rankCandidates([candidate('A', '9'), candidate('B', '10')], null).map((ranked) => ranked.locationId)).toEqual(['B', 'A']);
    });
  });

  describe('pickStock', () => {
    it('takes everything from the first candidate that has enough', () => {
      expect(pickStock('4', [candidate('WH1', '10'), candidate('WH2', '10')])).toEqual([{ locationId: 'WH1', quantity: '4' }]);
    });

    it('splits across candidates in rank order when one is not enough', () => {
      expect(pickStock('12.5', [candidate('WH1', '10'), candidate('WH2', '0'), candidate('WH3', '7')])).toEqual([
        { locationId: 'WH1', quantity: '10' },
        { locationId: 'WH3', quantity: '2.5' },
      ]);
    });

    it('takes what there is when all candidates together are not enough', () => {
      expect(pickStock('20', [candidate('WH1', '3'), candidate('WH2', '4')])).toEqual([
        { locationId: 'WH1', quantity: '3' },
        { locationId: 'WH2', quantity: '4' },
      ]);
    });

    it('takes nothing for a zero request or from empty candidates', () => {
      expect(pickStock('0', [candidate('WH1', '3')])).toEqual([]);
      expect(pickStock('5', [candidate('WH1', '0')])).toEqual([]);
      expect(pickStock('5', [])).toEqual([]);
    });
  });

  describe('reservationStatus', () => {
    const line = (requested: string, reserved: string) => ({ requested, reserved });

    it.each([
      ['ALL_OR_NOTHING', [line('2', '2'), line('1.5', '1.50')], 'CONFIRMED'],
      ['ALL_OR_NOTHING', [line('2', '2'), line('3', '1')], 'REJECTED'],
      ['ALL_OR_NOTHING', [line('2', '0')], 'REJECTED'],
      ['ALLOW_PARTIAL', [line('2', '2'), line('3', '3')], 'CONFIRMED'],
      ['ALLOW_PARTIAL', [line('2', '2'), line('3', '0')], 'PARTIAL'],
      ['ALLOW_PARTIAL', [line('2', '0'), line('3', '0')], 'REJECTED'],
    ] as const)('%s with %j is %s', (policy, lines, expected) => {
      expect(reservationStatus(lines, policy)).toBe(expected);
    });
  });
});
