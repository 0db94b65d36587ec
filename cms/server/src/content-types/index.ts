import program from './program';
import profileType from './profile-type';
import profile from './profile';
import directoryListing from './directory-listing';
import faqEntry from './faq-entry';
import resource from './resource';
import programPage from './program-page';
import emailTemplate from './email-template';
import matchingRun from './matching-run';
import auditEntry from './audit-entry';
import request from './request';
import mentorship from './mentorship';
import checkIn from './check-in';
import outboxMessage from './outbox-message';

export default {
  program,
  'profile-type': profileType,
  profile,
  'directory-listing': directoryListing,
  'faq-entry': faqEntry,
  resource,
  'program-page': programPage,
  'email-template': emailTemplate,
  'matching-run': matchingRun,
  'audit-entry': auditEntry,
  request,
  mentorship,
  'check-in': checkIn,
  'outbox-message': outboxMessage,
};
