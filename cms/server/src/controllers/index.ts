import program from './program';
import adminProgram from './admin-program';

export default { program, 'admin-program': adminProgram };
