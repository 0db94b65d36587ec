import type { Core } from '@strapi/strapi';

/**
 * The time every deadline and scheduled job reads. Real time unless a test sets it, so the cascade,
 * reminders and renewals can be driven through weeks in a second.
 */
const clock = (_: { strapi: Core.Strapi }) => {
  let fixed: Date | null = null;
  return {
    now(): Date {
      return fixed ? new Date(fixed.getTime()) : new Date();
    },
    /** Fixes the clock at `date` (null returns to real time). */
    set(date: Date | string | null): void {
      fixed = date === null ? null : new Date(date);
    },
    /** Moves a fixed clock on (fixing it at the real time first when it was not fixed). */
    advance(milliseconds: number): Date {
      fixed = new Date((fixed ?? new Date()).getTime() + milliseconds);
      return new Date(fixed.getTime());
    },
  };
};

export type ClockService = ReturnType<typeof clock>;
export default clock;
