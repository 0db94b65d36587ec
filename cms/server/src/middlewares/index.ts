import outage from './outage';

export default {
  outage,
};
