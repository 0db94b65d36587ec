'use strict';

/**
 * A mentorship waiting for the partnership agreement has no dates: its one-year term runs from the
 * day both have accepted the agreement. Those a member's request started before this release carry
 * the day the request was accepted instead; this clears them, so the agreement sets them. (Staff and
 * matching runs may have given fixed dates: those are kept.) Safe on a fresh database and to re-run.
 */
module.exports = {
  async up(knex) {
    if (!(await knex.schema.hasTable('mentorship_mentorships'))) return;
    await knex('mentorship_mentorships')
      .where({ mentorship_status: 'pending-agreement', source: 'request' })
      .whereNotNull('start_date')
      .update({ start_date: null, end_date: null });
  },
  async down() {
    // The accept days are not kept: nothing to restore.
  },
};
