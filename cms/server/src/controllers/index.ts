import program from './program';
import adminProgram from './admin-program';
import member from './member';
import directory from './directory';
import request from './request';
import mentorship from './mentorship';

export default { program, 'admin-program': adminProgram, member, directory, request, mentorship };
