import programs from './programs';
import directory from './directory';
import emailTemplates from './email-templates';
import contentValidation from './content-validation';
import permissions from './permissions';
import matcherClient from './matcher-client';
import runs from './runs';
import audit from './audit';
import applications from './applications';
import operations from './operations';
import clock from './clock';
import notifications from './notifications';
import mentorships from './mentorships';
import adminLayouts from './admin-layouts';
import enrollment from './enrollment';
import requests from './requests';
import mentorshipLifecycle from './mentorship-lifecycle';
import directorySearch from './directory-search';
import jobs from './jobs';

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
  operations,
  clock,
  notifications,
  mentorships,
  'admin-layouts': adminLayouts,
  enrollment,
  requests,
  'mentorship-lifecycle': mentorshipLifecycle,
  'directory-search': directorySearch,
  jobs,
};

export type Services = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };
export default services;
