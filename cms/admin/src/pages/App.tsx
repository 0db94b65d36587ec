import { Page } from '@strapi/strapi/admin';
import { Routes, Route } from 'react-router-dom';
import { HomePage } from './HomePage';
import { DashboardPage } from './DashboardPage';
import { ApplicationsPage } from './ApplicationsPage';
import { MatchingPage } from './MatchingPage';
import { RunPage } from './RunPage';
import { EscalationsPage } from './EscalationsPage';
import { MentorshipsPage } from './MentorshipsPage';
import { TryProgramPage } from './TryProgramPage';
import { JobsPage } from './JobsPage';

export const App = () => (
  <Routes>
    <Route index element={<HomePage />} />
    <Route path="programs/:programId" element={<DashboardPage />} />
    <Route path="programs/:programId/applications" element={<ApplicationsPage />} />
    <Route path="programs/:programId/matching" element={<MatchingPage />} />
    <Route path="programs/:programId/runs/:runId" element={<RunPage />} />
    <Route path="programs/:programId/escalations" element={<EscalationsPage />} />
    <Route path="programs/:programId/mentorships" element={<MentorshipsPage />} />
    <Route path="programs/:programId/try" element={<TryProgramPage />} />
    <Route path="jobs" element={<JobsPage />} />
    <Route path="*" element={<Page.Error />} />
  </Routes>
);
