import program from './program';
import adminProgram from './admin-program';
import adminRun from './admin-run';
import adminOperation from './admin-operation';
import member from './member';
import directory from './directory';
import request from './request';
import mentorship from './mentorship';
import portalSettings from '../portal/settings-controller';
import adminEditor from './admin-editor';
import adminJob from './admin-job';
import openapi from './openapi';
import adminExport from './admin-export';

export default {
  program,
  'admin-program': adminProgram,
  'admin-run': adminRun,
  'admin-operation': adminOperation,
  member,
  directory,
  request,
  mentorship,
  'portal-settings': portalSettings,
  'admin-editor': adminEditor,
  'admin-job': adminJob,
  openapi,
  'admin-export': adminExport,
};
