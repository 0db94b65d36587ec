import { ACTIONS, adminPolicies } from '../utils/actions';

const route = (method: 'GET' | 'POST', path: string, handler: string, action: string) => ({ method, path, handler, config: { policies: adminPolicies(action) } });

/** Staff routes, served at /mentorship/...; each checks the admin action it needs. */
export default {
  type: 'admin' as const,
  routes: [
    route('GET', '/programs', 'admin-program.overview', ACTIONS.read),
    route('GET', '/programs/:programId/dashboard', 'admin-operation.dashboard', ACTIONS.read),
    route('GET', '/programs/:programId/pool', 'admin-run.pool', ACTIONS.read),
    route('GET', '/programs/:programId/runs', 'admin-run.list', ACTIONS.read),
    route('POST', '/runs', 'admin-run.start', ACTIONS.executeRuns),
    route('GET', '/runs/:id', 'admin-run.findOne', ACTIONS.read),
    route('GET', '/runs/:id/alternatives', 'admin-run.alternatives', ACTIONS.read),
    route('POST', '/runs/:id/approve', 'admin-run.approve', ACTIONS.approveRuns),
    route('GET', '/runs/:id/introductions', 'admin-run.introductions', ACTIONS.read),
    route('GET', '/programs/:programId/applications', 'admin-operation.applications', ACTIONS.read),
    route('POST', '/applications/:id/review', 'admin-operation.review', ACTIONS.reviewApplications),
    route('POST', '/programs/:programId/applications/review', 'admin-operation.reviewMany', ACTIONS.reviewApplications),
    route('GET', '/programs/:programId/escalations', 'admin-operation.escalations', ACTIONS.read),
    route('POST', '/escalations/:id/assign', 'admin-operation.assignEscalation', ACTIONS.manageEscalations),
    route('POST', '/escalations/:id/close', 'admin-operation.closeEscalation', ACTIONS.manageEscalations),
    route('GET', '/programs/:programId/mentorships', 'admin-operation.mentorships', ACTIONS.read),
    route('POST', '/mentorships', 'admin-operation.createMentorship', ACTIONS.manageMentorships),
    route('POST', '/mentorships/:id/reassign', 'admin-operation.reassignMentorship', ACTIONS.manageMentorships),
    route('POST', '/mentorships/:id/end', 'admin-operation.endMentorship', ACTIONS.manageMentorships),
    route('GET', '/programs/:programId/audit', 'admin-operation.audit', ACTIONS.read),
    route('GET', '/portal-settings', 'portal-settings.find', ACTIONS.read),
    { method: 'PUT', path: '/portal-settings', handler: 'portal-settings.update', config: { policies: adminPolicies(ACTIONS.managePrograms) } },
    route('POST', '/programs', 'admin-editor.createProgram', ACTIONS.managePrograms),
    route('POST', '/email-templates/preview', 'admin-editor.previewTemplate', ACTIONS.read),
    route('GET', '/jobs', 'admin-job.list', ACTIONS.read),
    route('POST', '/jobs/:name/run', 'admin-job.run', ACTIONS.runJobs),
    route('GET', '/programs/:programId/export/applications', 'admin-export.applications', ACTIONS.read),
    route('GET', '/runs/:id/export/proposals', 'admin-export.proposals', ACTIONS.read),
    route('GET', '/programs/:programId/export/mentorships', 'admin-export.mentorships', ACTIONS.read),
    route('GET', '/programs/:programId/export/engagement', 'admin-export.engagement', ACTIONS.read),
    route('GET', '/programs/:programId/export/profiles', 'admin-export.profiles', ACTIONS.read),
    route('POST', '/programs/:programId/import/profiles', 'admin-export.importProfiles', ACTIONS.managePrograms),
  ],
};
