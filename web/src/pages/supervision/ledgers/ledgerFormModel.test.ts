import { describe, expect, it } from 'vitest';
import { insideWindow, placeErrors, toFieldPath, toLedgerInput } from './ledgerFormModel';

describe('ledger form model', () => {
  it('maps both styles of server paths onto form names', () => {
    expect(toFieldPath('milestones[1].dueDate')).toEqual(['milestones', 1, 'dueDate']);
    expect(toFieldPath('milestones.0.title')).toEqual(['milestones', 0, 'title']);
    expect(toFieldPath('milestones[2].id')).toEqual(['milestones', 2, 'title']);
    expect(toFieldPath('targetCodes.3')).toEqual(['targetCodes']);
    expect(toFieldPath('dueDate')).toEqual(['dueDate']);
    expect(toFieldPath('version')).toBeNull();
    expect(toFieldPath('body')).toBeNull();
    expect(toFieldPath(undefined)).toBeNull();
  });

  it('groups messages per field and keeps the rest apart', () => {
    const { placed, unplaced } = placeErrors([
      { field: 'targetCodes', message: 'a' },
      { field: 'targetCodes', message: 'b' },
      { field: 'milestones[0].dueDate', message: 'c' },
      { field: 'version', message: 'd' },
      { message: 'e' },
    ]);
    expect(placed).toEqual([
      { name: ['targetCodes'], errors: ['a', 'b'] },
      { name: ['milestones', 0, 'dueDate'], errors: ['c'] },
    ]);
    expect(unplaced).toEqual(['d', 'e']);
  });

  it('builds the API body: trimmed texts, empty city as null, milestone ids only when kept', () => {
    const input = toLedgerInput({
      taskNumber: 1,
      title: '  稳岗扩岗 ',
      ownerUnitCode: 'GD-HRSS',
      cityCode: '',
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      budget: null,
      milestones: [
        { id: 7, title: 'a', dueDate: '2026-06-30', definitionOfDone: ' x ' },
        { title: 'b', dueDate: '2026-09-30' },
      ],
    });
    expect(input).toEqual({
      taskNumber: 1,
      title: '稳岗扩岗',
      description: '',
      ownerUnitCode: 'GD-HRSS',
      cooperatingUnits: [],
      cityCode: null,
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
      budget: null,
      targetCodes: [],
      milestones: [
        { id: 7, title: 'a', dueDate: '2026-06-30', definitionOfDone: 'x' },
        { title: 'b', dueDate: '2026-09-30', definitionOfDone: '' },
      ],
    });
  });

  it('checks a milestone against the window, including its ends', () => {
    expect(insideWindow('2026-01-01', '2026-01-01', '2026-12-31')).toBe(true);
    expect(insideWindow('2026-12-31', '2026-01-01', '2026-12-31')).toBe(true);
    expect(insideWindow('2025-12-31', '2026-01-01', '2026-12-31')).toBe(false);
    expect(insideWindow('2027-01-01', '2026-01-01', '2026-12-31')).toBe(false);
    expect(insideWindow('2027-01-01', undefined, undefined)).toBe(true);
  });
});
