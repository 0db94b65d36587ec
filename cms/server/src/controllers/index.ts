import program from './program';
import adminProgram from './admin-program';
import adminRun from './admin-run';
import adminOperation from './admin-operation';
import member from './member';
import directory from './directory';
import request from './request';
import mentorship from './mentorship';
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
  'admin-export': adminExport,
};
