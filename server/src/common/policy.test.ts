import { describe, expect, it } from 'vitest';
import { can, visibleUnits, type Actor } from './policy';

const actor = (over: Partial<Actor>): Actor => ({
  userId: 1,
  username: 'u',
  role: 'viewer',
  unitCode: null,
  unitScope: 'all',
  domainScope: 'all',
  ...over,
});

const meizhou = actor({
  role: 'city',
  unitCode: '441400',
  unitScope: new Set(['441400', '441403']),
});
const hrss = actor({ role: 'department', unitCode: 'GD-HRSS', domainScope: new Set(['D01']) });

describe('policy', () => {
  it('lets a city write its own and its counties’ data, not another city’s', () => {
    expect(can(meizhou, 'data.write', { unitCode: '441400' })).toBe(true);
    expect(can(meizhou, 'data.write', { unitCode: '441403' })).toBe(true);
    expect(can(meizhou, 'data.write', { unitCode: '440100' })).toBe(false);
  });

  it('keeps a department to its own domains', () => {
    expect(can(hrss, 'data.approve', { domainCode: 'D01' })).toBe(true);
    expect(can(hrss, 'data.approve', { domainCode: 'D02' })).toBe(false);
  });

  it('grants actions by role only', () => {
    expect(can(meizhou, 'user.manage')).toBe(false);
    expect(can(actor({ role: 'sysadmin' }), 'user.manage')).toBe(true);
    expect(can(actor({ role: 'viewer' }), 'data.write', { unitCode: '441400' })).toBe(false);
    expect(
      can(actor({ role: 'county', unitScope: new Set(['441403']) }), 'data.approve', {
        unitCode: '441403',
      }),
    ).toBe(false);
  });

  it('filters lists to the actor’s units', () => {
    const units = [{ code: '441400' }, { code: '441403' }, { code: '440100' }];
    expect(visibleUnits(meizhou, units).map((u) => u.code)).toEqual(['441400', '441403']);
    expect(visibleUnits(actor({}), units)).toHaveLength(3);
  });
});
