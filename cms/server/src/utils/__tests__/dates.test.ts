import { addMonths, daysBetween } from '../dates';

describe('calendar arithmetic', () => {
  it('when a month is added to 31 January, then the date is clamped to the end of February', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('when months are added across a year or taken away, then the day is kept where the month has it', () => {
    expect(addMonths('2026-01-31', 6)).toBe('2026-07-31');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-05-15', 12)).toBe('2027-05-15');
  });

  it('when days are counted between two dates, then whole calendar days come out', () => {
    expect(daysBetween('2026-01-31', '2026-03-02')).toBe(30);
  });
});
