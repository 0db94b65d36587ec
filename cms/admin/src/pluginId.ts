export const PLUGIN_ID = 'mentorship';
