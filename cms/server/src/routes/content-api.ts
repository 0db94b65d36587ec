export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/programs', handler: 'program.find', config: {} },
    { method: 'GET', path: '/programs/:slug', handler: 'program.findOne', config: {} },
    { method: 'POST', path: '/programs/:slug/eligibility', handler: 'program.checkEligibility', config: {} },

    // Members (users-permissions JWT): enrollment and everything that is theirs.
    { method: 'GET', path: '/me', handler: 'member.me', config: {} },
    { method: 'POST', path: '/programs/:slug/profiles', handler: 'member.createProfile', config: {} },
    { method: 'GET', path: '/profiles/:id', handler: 'member.findProfile', config: {} },
    { method: 'PUT', path: '/profiles/:id', handler: 'member.updateProfile', config: {} },
    { method: 'POST', path: '/profiles/:id/reconfirm', handler: 'member.reconfirm', config: {} },

    // The mentor directory: public or members-only, as the program says.
    { method: 'GET', path: '/programs/:slug/directory', handler: 'directory.search', config: {} },
    { method: 'GET', path: '/programs/:slug/directory/:id', handler: 'directory.listing', config: {} },
    // The mentee directory, for the program's listed mentors where mentors may approach mentees.
    { method: 'GET', path: '/programs/:slug/mentees', handler: 'directory.mentees', config: {} },
    { method: 'GET', path: '/programs/:slug/mentees/:id', handler: 'directory.mentee', config: {} },

    { method: 'POST', path: '/programs/:slug/requests', handler: 'request.create', config: {} },
    { method: 'GET', path: '/requests/:id', handler: 'request.findOne', config: {} },
    { method: 'POST', path: '/requests/:id/accept', handler: 'request.accept', config: {} },
    { method: 'POST', path: '/requests/:id/decline', handler: 'request.decline', config: {} },
    { method: 'POST', path: '/requests/:id/withdraw', handler: 'request.withdraw', config: {} },
    { method: 'POST', path: '/requests/:id/let-go', handler: 'request.letGo', config: {} },

    { method: 'GET', path: '/mentorships/:id', handler: 'mentorship.findOne', config: {} },
    { method: 'POST', path: '/mentorships/:id/agree', handler: 'mentorship.agree', config: {} },
    { method: 'PUT', path: '/mentorships/:id/plan', handler: 'mentorship.plan', config: {} },
    { method: 'POST', path: '/mentorships/:id/check-ins', handler: 'mentorship.checkIn', config: {} },
    { method: 'POST', path: '/mentorships/:id/renew', handler: 'mentorship.renew', config: {} },
    { method: 'POST', path: '/mentorships/:id/end', handler: 'mentorship.end', config: {} },

    // The OpenAPI document of the routes above, for website developers (no sign-in).
    { method: 'GET', path: '/openapi.json', handler: 'openapi.document', config: { auth: false } },
  ],
};
