/** Admin permissions the plugin registers; a super admin grants them to roles. */
export const ACTIONS = {
  read: 'plugin::mentorship.read',
  reviewApplications: 'plugin::mentorship.applications.review',
  executeRuns: 'plugin::mentorship.runs.execute',
  approveRuns: 'plugin::mentorship.runs.approve',
  managePrograms: 'plugin::mentorship.programs.manage',
  manageMentorships: 'plugin::mentorship.mentorships.manage',
  manageEscalations: 'plugin::mentorship.escalations.manage',
  runJobs: 'plugin::mentorship.jobs.run',
} as const;

export const ACTION_DEFINITIONS = [
  { uid: 'read', displayName: 'See programs, applications, runs and mentorships', subCategory: 'general' },
  { uid: 'applications.review', displayName: 'Approve or reject applications', subCategory: 'applications' },
  { uid: 'runs.execute', displayName: 'Run cohort matching', subCategory: 'matching runs' },
  { uid: 'runs.approve', displayName: 'Approve matching runs (creates mentorships)', subCategory: 'matching runs' },
  { uid: 'programs.manage', displayName: 'Manage programs and directory listings', subCategory: 'programs' },
  { uid: 'mentorships.manage', displayName: "Create, reassign and end mentorships on members' behalf", subCategory: 'mentorships' },
  { uid: 'escalations.manage', displayName: 'Handle escalated requests', subCategory: 'requests' },
  { uid: 'jobs.run', displayName: 'Run scheduled jobs now', subCategory: 'scheduled jobs' },
].map((action) => ({ section: 'plugins' as const, pluginName: 'mentorship', ...action }));

/** Policies of an admin route that needs `action`. */
export const adminPolicies = (action: string) => [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: [action] } },
];
