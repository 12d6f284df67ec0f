import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DEADLINES,
  addDeadlineDays,
  daysLate,
  escalationStep,
  replyDueFor,
  transition,
  type SupervisionStatus,
} from './index';

describe('reply deadlines', () => {
  it('defaults to 15 / 7 / 3 calendar days', () => {
    expect(replyDueFor('general', '2026-11-02')).toBe('2026-11-17');
    expect(replyDueFor('key', '2026-11-02')).toBe('2026-11-09');
    expect(replyDueFor('listed', '2026-11-02')).toBe('2026-11-05');
  });

  it('counts working days over weekends', () => {
    // Friday + 3 working days = the next Wednesday.
    expect(addDeadlineDays('2026-11-27', 3, 'working')).toBe('2026-12-02');
    // Saturday + 1 working day = Monday.
    expect(addDeadlineDays('2026-11-28', 1, 'working')).toBe('2026-11-30');
    const config = { ...DEFAULT_DEADLINES, listed: { days: 3, dayKind: 'working' as const } };
    expect(replyDueFor('listed', '2026-11-27', config)).toBe('2026-12-02');
  });

  it('crosses month and year ends', () => {
    expect(addDeadlineDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDeadlineDays('2028-02-27', 3)).toBe('2028-03-01');
  });
});

describe('status machine', () => {
  it('open → replied → closed', () => {
    expect(transition('open', 'reply')).toEqual({ ok: true, status: 'replied' });
    expect(transition('replied', 'accept')).toEqual({ ok: true, status: 'closed' });
  });

  it('replied → returned → replied again', () => {
    expect(transition('replied', 'return')).toEqual({ ok: true, status: 'returned' });
    expect(transition('returned', 'reply')).toEqual({ ok: true, status: 'replied' });
  });

  it('refuses every action on a closed item, in Chinese', () => {
    for (const action of ['reply', 'accept', 'return'] as const) {
      const r = transition('closed', action);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('SUPERVISION_CLOSED');
        expect(r.message).toMatch(/已销号/);
      }
    }
  });

  it('refuses accepting or returning before a reply, and a second reply', () => {
    const notReplied: SupervisionStatus[] = ['open', 'returned'];
    for (const s of notReplied) {
      expect(transition(s, 'accept')).toMatchObject({ ok: false, code: 'SUPERVISION_NOT_REPLIED' });
      expect(transition(s, 'return')).toMatchObject({ ok: false, code: 'SUPERVISION_NOT_REPLIED' });
    }
    expect(transition('replied', 'reply')).toMatchObject({
      ok: false,
      code: 'SUPERVISION_REPLIED',
    });
  });
});

describe('lateness and escalation', () => {
  it('counts days late only while a reply is awaited', () => {
    expect(daysLate({ status: 'open', replyDue: '2026-11-10' }, '2026-11-10')).toBe(0);
    expect(daysLate({ status: 'open', replyDue: '2026-11-10' }, '2026-11-13')).toBe(3);
    expect(daysLate({ status: 'returned', replyDue: '2026-11-10' }, '2026-11-12')).toBe(2);
    expect(daysLate({ status: 'replied', replyDue: '2026-11-10' }, '2026-11-20')).toBe(0);
    expect(daysLate({ status: 'closed', replyDue: '2026-11-10' }, '2026-11-20')).toBe(0);
  });

  it('does nothing on the due day or after a reply', () => {
    const item = { level: 'general' as const, escalationLevel: 0, replyDue: '2026-11-10' };
    expect(escalationStep({ ...item, status: 'open' }, '2026-11-10')).toBeNull();
    expect(escalationStep({ ...item, status: 'replied' }, '2026-11-20')).toBeNull();
    expect(escalationStep({ ...item, status: 'closed' }, '2026-11-20')).toBeNull();
  });

  it('walks 一般 → 重点 → 挂牌 → 上报省政府, each with a new deadline', () => {
    let item = {
      level: 'general' as 'general' | 'key' | 'listed',
      escalationLevel: 0,
      status: 'open' as const,
      replyDue: '2026-11-10',
    };
    const steps = [];
    let today = '2026-11-11';
    for (let i = 0; i < 3; i += 1) {
      const step = escalationStep(item, today)!;
      steps.push(step);
      item = {
        ...item,
        level: step.level,
        escalationLevel: step.escalationLevel,
        replyDue: step.replyDue,
      };
      today = addDeadlineDays(step.replyDue, 1);
    }
    expect(steps.map((s) => s.level)).toEqual(['key', 'listed', 'listed']);
    expect(steps.map((s) => s.escalationLevel)).toEqual([1, 2, 3]);
    expect(steps.map((s) => s.reported)).toEqual([false, false, true]);
    expect(steps[0]!.replyDue).toBe('2026-11-18'); // key: 7 days from 11-11
    expect(steps[1]!.replyDue).toBe('2026-11-22'); // listed: 3 days from 11-19
    expect(steps[0]!.text).toContain('由一般督办升级为重点督办');
    expect(steps[2]!.text).toContain('上报省政府');
  });

  it('escalates a late returned item too', () => {
    const step = escalationStep(
      { level: 'key', escalationLevel: 0, status: 'returned', replyDue: '2026-11-01' },
      '2026-11-05',
    );
    expect(step).toMatchObject({ level: 'listed', escalationLevel: 1, replyDue: '2026-11-08' });
    expect(step!.text).toContain('逾期 4 天');
  });
});
