import contentManagerGuard from './content-manager-guard';

export default {
  'content-manager-guard': contentManagerGuard,
};
