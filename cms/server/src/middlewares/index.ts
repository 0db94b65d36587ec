import outage from './outage';
import { errorShape } from './error-shape';

export default {
  outage,
  'error-shape': errorShape,
};
