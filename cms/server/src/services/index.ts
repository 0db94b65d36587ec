import programs from './content/programs';
import directory from './members/directory';
import emailTemplates from './content/email-templates';
import contentValidation from './content/content-validation';
import permissions from './platform/permissions';
import matcherClient from './platform/matcher-client';
import runs from './staff/runs';
import audit from './platform/audit';
import applications from './staff/applications';
import dashboard from './staff/dashboard';
import escalations from './staff/escalations';
import staffMentorships from './staff/staff-mentorships';
import clock from './platform/clock';
import notifications from './platform/notifications';
import mentorships from './members/mentorships';
import adminLayouts from './content/admin-layouts';
import enrollment from './members/enrollment';
import requests from './members/requests';
import mentorshipLifecycle from './members/mentorship-lifecycle';
import directorySearch from './members/directory-search';
import directoryIndex from './members/directory-index';
import jobs from './platform/jobs';
import membership from './members/membership';
import runLeases from './staff/run-leases';
import programStyles from './content/program-styles';
import jobRuns from './platform/job-runs';
import exportsService from './staff/exports';
import profileImport from './staff/profile-import';
import runReview from './staff/run-review';
import staffDigest from './staff/staff-digest';

const services = {
  programs,
  directory,
  'email-templates': emailTemplates,
  'content-validation': contentValidation,
  permissions,
  'matcher-client': matcherClient,
  runs,
  audit,
  applications,
  dashboard,
  escalations,
  'staff-mentorships': staffMentorships,
  clock,
  notifications,
  mentorships,
  'admin-layouts': adminLayouts,
  enrollment,
  requests,
  'mentorship-lifecycle': mentorshipLifecycle,
  'directory-search': directorySearch,
  'directory-index': directoryIndex,
  jobs,
  membership,
  'run-leases': runLeases,
  'program-styles': programStyles,
  'job-runs': jobRuns,
  exports: exportsService,
  'profile-import': profileImport,
  'run-review': runReview,
  'staff-digest': staffDigest,
};

export type Services = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };
export default services;
