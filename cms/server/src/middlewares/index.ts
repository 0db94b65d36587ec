import { errorShape } from './error-shape';

export default { 'error-shape': errorShape };
