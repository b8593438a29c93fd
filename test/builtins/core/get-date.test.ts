import { describe, expect, it } from 'vitest';
import getDate from '../../../src/builtins/core/get-date.js';
import { addDuration, formatDate } from '../../../src/runtime/datetime.js';
import { runCommand } from '../../helpers/context.js';

const d = new Date('2024-03-05T14:07:09.045Z');

describe('get-date', () => {
  it('emits the current date and time', async () => {
    const before = Date.now();
    const [now] = (await runCommand(getDate, {})).output;
    expect(now).toBeInstanceOf(Date);
    expect((now as Date).getTime()).toBeGreaterThanOrEqual(before);
    expect((now as Date).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('emits a given date, as a datetime or as text', async () => {
    expect((await runCommand(getDate, { date: d })).output).toEqual([d]);
    expect((await runCommand(getDate, { date: '2024-05-01T13:45:00Z', format: 'yyyy-MM-dd HH:mm' })).output).toEqual([
      '2024-05-01 13:45',
    ]);
  });

  it('rejects a date it cannot read', async () => {
    await expect(runCommand(getDate, { date: 'someday' })).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringContaining("-date 'someday'"),
    });
  });
});

describe('formatDate', () => {
  it('defaults to ISO 8601', () => {
    expect(formatDate(d)).toBe('2024-03-05T14:07:09.045Z');
  });

  it('formats the .NET custom tokens in UTC', () => {
    expect(formatDate(d, 'yyyy yy MM M dd d HH H hh h mm m ss s fff tt')).toBe(
      '2024 24 03 3 05 5 14 14 02 2 07 7 09 9 045 PM',
    );
    expect(formatDate(d, 'ddd dddd MMM MMMM')).toBe('Tue Tuesday Mar March');
    expect(formatDate(d, 'f ff fffffff FFF zzz K')).toBe('0 04 0450000 045 +00:00 Z');
  });

  it('copies quoted and escaped literals and other characters', () => {
    expect(formatDate(d, '\'Date:\' yyyy-MM-dd "at" HH\\h')).toBe('Date: 2024-03-05 at 14h');
    expect(formatDate(d, '%d')).toBe('5');
  });

  it('knows the standard one-letter formats', () => {
    expect(formatDate(d, 'o')).toBe('2024-03-05T14:07:09.0450000Z');
    expect(formatDate(d, 's')).toBe('2024-03-05T14:07:09');
    expect(formatDate(d, 'u')).toBe('2024-03-05 14:07:09Z');
    expect(formatDate(d, 'd')).toBe('03/05/2024');
    expect(formatDate(d, 'g')).toBe('03/05/2024 14:07');
    expect(formatDate(d, 'D')).toBe('Tuesday, 05 March 2024');
  });

  it('shows 12 for midnight and noon on the 12-hour clock', () => {
    expect(formatDate(new Date('2024-01-01T00:30:00Z'), 'h tt')).toBe('12 AM');
    expect(formatDate(new Date('2024-01-01T12:30:00Z'), 'hh t')).toBe('12 P');
  });

  it('says so for an invalid date', () => {
    expect(formatDate(new Date('x'), 'yyyy')).toBe('Invalid Date');
  });
});

describe('addDuration', () => {
  it('adds fixed units and leaves the original alone', () => {
    expect(addDuration(d, 'days', 1.5).toISOString()).toBe('2024-03-07T02:07:09.045Z');
    expect(addDuration(d, 'hours', -15).toISOString()).toBe('2024-03-04T23:07:09.045Z');
    expect(addDuration(d, 'minutes', 60).toISOString()).toBe('2024-03-05T15:07:09.045Z');
    expect(d.toISOString()).toBe('2024-03-05T14:07:09.045Z');
  });

  it('adds months and years on the calendar, clamping to the end of the month', () => {
    expect(addDuration(new Date('2024-01-31T10:00:00Z'), 'months', 1).toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(addDuration(new Date('2024-02-29T10:00:00Z'), 'years', 1).toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(addDuration(new Date('2024-03-15T00:00:00Z'), 'months', -14).toISOString()).toBe('2023-01-15T00:00:00.000Z');
  });

  it('rejects fractional months and non-finite amounts', () => {
    expect(() => addDuration(d, 'months', 1.5)).toThrow(/whole number/);
    expect(() => addDuration(d, 'days', Number.NaN)).toThrow(/finite/);
  });
});
