import programs from './programs';
import directory from './directory';
import emailTemplates from './email-templates';
import contentValidation from './content-validation';
import permissions from './permissions';
import clock from './clock';
import notifications from './notifications';
import mentorships from './mentorships';
import enrollment from './enrollment';
import requests from './requests';
import mentorshipLifecycle from './mentorship-lifecycle';
import matcherClient from './matcher-client';
import directorySearch from './directory-search';
import jobs from './jobs';
import adminLayouts from './admin-layouts';

const services = {
  programs,
  directory,
  'email-templates': emailTemplates,
  'content-validation': contentValidation,
  permissions,
  clock,
  notifications,
  mentorships,
  enrollment,
  requests,
  'mentorship-lifecycle': mentorshipLifecycle,
  'matcher-client': matcherClient,
  'directory-search': directorySearch,
  jobs,
  'admin-layouts': adminLayouts,
};

export type Services = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };
export default services;
