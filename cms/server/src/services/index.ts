import programs from './programs';
import directory from './directory';
import emailTemplates from './email-templates';
import contentValidation from './content-validation';
import permissions from './permissions';
import adminLayouts from './admin-layouts';

const services = {
  programs,
  directory,
  'email-templates': emailTemplates,
  'content-validation': contentValidation,
  permissions,
  'admin-layouts': adminLayouts,
};

export type Services = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };
export default services;
