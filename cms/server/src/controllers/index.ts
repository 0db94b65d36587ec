import program from './program';
import adminProgram from './admin-program';
import adminRun from './admin-run';
import adminOperation from './admin-operation';

export default { program, 'admin-program': adminProgram, 'admin-run': adminRun, 'admin-operation': adminOperation };
