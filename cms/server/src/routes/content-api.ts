export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/programs', handler: 'program.find', config: {} },
    { method: 'GET', path: '/programs/:slug', handler: 'program.findOne', config: {} },
    { method: 'POST', path: '/programs/:slug/eligibility', handler: 'program.checkEligibility', config: {} },
  ],
};
