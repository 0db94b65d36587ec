import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import type { AdminProgramOverview, NewProgramBody, NewProgramResponse, TemplatePreview, TemplatePreviewBody } from '../../shared/contracts/admin';
import type {
  AlternativesResponse,
  ApplicationView,
  ApproveResponse,
  AssignEscalationBody,
  AuditEntryView,
  CloseEscalationBody,
  EndMentorshipBody,
  EscalationView,
  IntroductionProgress,
  JobView,
  ProgramDashboard,
  ReassignMentorshipBody,
  ReviewApplicationBody,
  RunDetail,
  RunPool,
  RunSummary,
  StaffMentorshipView,
  StartRunBody,
} from '../../shared/contracts/staff';
import type { ApplicationsMeta, ApplicationsQuery, BulkReviewBody, BulkReviewResponse, ImportProfilesBody, ProfileImportResult } from '../../shared/contracts/staff';
import type {
  CarryOverBody,
  PairInsteadBody,
  PairInsteadResponse,
  PairRef,
  PairsChangeBody,
  ProposalsPage,
  ProposalsQuery,
  RunOverview,
  WaitingList,
} from '../../shared/contracts/staff';
import { PLUGIN_ID } from './pluginId';

/** The one client of the plugin's admin API; pages use the hooks below. */
export const useStaffApi = () => {
  const { get, post } = useFetchClient();
  // One object per client, so pages and dialogs may list it as an effect dependency without refetching on every render.
  return useMemo(
    () => ({
      programs: async () => (await get<{ data: AdminProgramOverview[] }>(`/${PLUGIN_ID}/programs`)).data.data,
      dashboard: async (programId: string) => (await get<{ data: ProgramDashboard }>(`/${PLUGIN_ID}/programs/${programId}/dashboard`)).data.data,
      pool: async (programId: string) => (await get<{ data: RunPool }>(`/${PLUGIN_ID}/programs/${programId}/pool`)).data.data,
      runs: async (programId: string) => (await get<{ data: RunSummary[] }>(`/${PLUGIN_ID}/programs/${programId}/runs`)).data.data,
      run: async (runId: string) => (await get<{ data: RunDetail }>(`/${PLUGIN_ID}/runs/${runId}`)).data.data,
      startRun: async (body: StartRunBody) => (await post<{ data: RunDetail }>(`/${PLUGIN_ID}/runs`, body)).data.data,
      approveRun: async (runId: string, pairs?: PairRef[]) => (await post<{ data: ApproveResponse }>(`/${PLUGIN_ID}/runs/${runId}/approve`, pairs ? { pairs } : {})).data.data,
      runSummary: async (runId: string) => (await get<{ data: RunOverview }>(`/${PLUGIN_ID}/runs/${runId}/summary`)).data.data,
      proposals: async (runId: string, query: ProposalsQuery) =>
        (await get<{ data: ProposalsPage }>(`/${PLUGIN_ID}/runs/${runId}/proposals`, { params: query })).data.data,
      changePairs: async (runId: string, body: PairsChangeBody) => (await post<{ data: RunOverview }>(`/${PLUGIN_ID}/runs/${runId}/pairs`, body)).data.data,
      pairInstead: async (runId: string, body: PairInsteadBody) => (await post<{ data: PairInsteadResponse }>(`/${PLUGIN_ID}/runs/${runId}/pair-instead`, body)).data.data,
      rerun: async (runId: string, body: { keepPrevious?: { tolerance: number } }) => (await post<{ data: RunDetail }>(`/${PLUGIN_ID}/runs/${runId}/rerun`, body)).data.data,
      waiting: async (runId: string) => (await get<{ data: WaitingList }>(`/${PLUGIN_ID}/runs/${runId}/waiting`)).data.data,
      carryOver: async (runId: string, body: CarryOverBody) => (await post<{ data: WaitingList }>(`/${PLUGIN_ID}/runs/${runId}/waiting/carry-over`, body)).data.data,
      introductions: async (runId: string) => (await get<{ data: IntroductionProgress }>(`/${PLUGIN_ID}/runs/${runId}/introductions`)).data.data,
      alternatives: async (runId: string, menteeId: string) =>
        (await get<{ data: AlternativesResponse }>(`/${PLUGIN_ID}/runs/${runId}/alternatives`, { params: { menteeId, limit: 5 } })).data.data,
      applications: async (programId: string) => (await get<{ data: ApplicationView[] }>(`/${PLUGIN_ID}/programs/${programId}/applications`)).data.data,
      review: async (profileId: string, body: ReviewApplicationBody) => (await post<{ data: ApplicationView }>(`/${PLUGIN_ID}/applications/${profileId}/review`, body)).data.data,
      escalations: async (programId: string) => (await get<{ data: EscalationView[] }>(`/${PLUGIN_ID}/programs/${programId}/escalations`)).data.data,
      assignEscalation: async (requestId: string, body: AssignEscalationBody) => (await post<{ data: StaffMentorshipView }>(`/${PLUGIN_ID}/escalations/${requestId}/assign`, body)).data.data,
      closeEscalation: async (requestId: string, body: CloseEscalationBody) => (await post<{ data: unknown }>(`/${PLUGIN_ID}/escalations/${requestId}/close`, body)).data.data,
      mentorships: async (programId: string) => (await get<{ data: StaffMentorshipView[] }>(`/${PLUGIN_ID}/programs/${programId}/mentorships`)).data.data,
      reassign: async (mentorshipId: string, body: ReassignMentorshipBody) =>
        (await post<{ data: StaffMentorshipView }>(`/${PLUGIN_ID}/mentorships/${mentorshipId}/reassign`, body)).data.data,
      end: async (mentorshipId: string, body: EndMentorshipBody) => (await post<{ data: StaffMentorshipView }>(`/${PLUGIN_ID}/mentorships/${mentorshipId}/end`, body)).data.data,
      audit: async (programId: string) => (await get<{ data: AuditEntryView[] }>(`/${PLUGIN_ID}/programs/${programId}/audit`)).data.data,
      jobs: async () => (await get<{ data: JobView[] }>(`/${PLUGIN_ID}/jobs`)).data.data,
      runJob: async (name: string) => (await post<{ data: JobView }>(`/${PLUGIN_ID}/jobs/${name}/run`, {})).data.data,
    }),
    [get, post],
  );
};

export type StaffApi = ReturnType<typeof useStaffApi>;

/** The message of a failed admin API call: the server's own message when it sent one. */
export const errorMessage = (error: unknown): string => {
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  return response?.data?.error?.message ?? (error as Error)?.message ?? String(error);
};

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `key`, and again on `reload()`; `intervalMs` polls while given. */
export const useLoad = <T>(load: () => Promise<T>, key: string, intervalMs?: number | null): Loaded<T> => {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(key);
  useEffect(() => {
    let cancelled = false;
    // Another record: forget the previous one rather than show it under the new address.
    const sameKey = keyRef.current === key;
    keyRef.current = key;
    setState((previous) => (sameKey ? { ...previous, loading: true } : { data: null, error: null, loading: true }));
    loadRef
      .current()
      .then((data) => !cancelled && setState({ data, error: null, loading: false }))
      .catch((error: unknown) => !cancelled && setState((previous) => ({ data: previous.data, error: errorMessage(error), loading: false })));
    return () => {
      cancelled = true;
    };
  }, [key, tick]);
  useEffect(() => {
    if (!intervalMs) return undefined;
    const timer = setInterval(() => setTick((value) => value + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return { ...state, reload: useCallback(() => setTick((value) => value + 1), []) };
};

export const usePrograms = () => {
  const api = useStaffApi();
  return useLoad(api.programs, 'programs');
};
export const useDashboard = (programId: string) => {
  const api = useStaffApi();
  return useLoad(() => api.dashboard(programId), `dashboard:${programId}`);
};
export const usePool = (programId: string) => {
  const api = useStaffApi();
  return useLoad(() => api.pool(programId), `pool:${programId}`);
};
export const useRuns = (programId: string, poll: boolean) => {
  const api = useStaffApi();
  return useLoad(() => api.runs(programId), `runs:${programId}`, poll ? 1500 : null);
};
/** A run, polled while the matcher is working on it. */
export const useRun = (runId: string) => {
  const api = useStaffApi();
  const [polling, setPolling] = useState(true);
  const loaded = useLoad(() => api.run(runId), `run:${runId}`, polling ? 1000 : null);
  const status = loaded.data?.status;
  useEffect(() => {
    if (status) setPolling(status === 'running');
  }, [status]);
  return loaded;
};
/** A run's summary (no pairs), polled while the matcher is working on it: what the run page polls. */
export const useRunSummary = (runId: string) => {
  const api = useStaffApi();
  const [polling, setPolling] = useState(true);
  // A summary is a few KB whatever the cohort's size, so it can be read twice a second.
  const loaded = useLoad(() => api.runSummary(runId), `run-summary:${runId}`, polling ? 500 : null);
  const status = loaded.data?.status;
  useEffect(() => {
    if (status) setPolling(status === 'running');
  }, [status]);
  return loaded;
};
/** Delivery of an approved run's introduction e-mails, polled while some are still queued. */
export const useIntroductions = (runId: string) => {
  const api = useStaffApi();
  const [polling, setPolling] = useState(true);
  const loaded = useLoad(() => api.introductions(runId), `introductions:${runId}`, polling ? 2000 : null);
  const queued = loaded.data?.queued;
  useEffect(() => {
    if (queued !== undefined) setPolling(queued > 0);
  }, [queued]);
  return loaded;
};
export const useApplications = (programId: string) => {
  const api = useStaffApi();
  return useLoad(() => api.applications(programId), `applications:${programId}`);
};
export const useEscalations = (programId: string) => {
  const api = useStaffApi();
  return useLoad(() => api.escalations(programId), `escalations:${programId}`);
};
export const useMentorships = (programId: string) => {
  const api = useStaffApi();
  return useLoad(() => api.mentorships(programId), `mentorships:${programId}`);
};
export const useAudit = (programId: string) => {
  const api = useStaffApi();
  return useLoad(() => api.audit(programId), `audit:${programId}`);
};

export const useJobs = () => {
  const api = useStaffApi();
  return useLoad(api.jobs, 'jobs');
};

const permission = (action: string) => [{ action: `plugin::${PLUGIN_ID}.${action}`, subject: null }];
const REVIEW_APPLICATIONS = permission('applications.review');
const EXECUTE_RUNS = permission('runs.execute');
const APPROVE_RUNS = permission('runs.approve');
const MANAGE_MENTORSHIPS = permission('mentorships.manage');
const MANAGE_ESCALATIONS = permission('escalations.manage');
const RUN_JOBS = permission('jobs.run');

/**
 * What the signed-in staff member may do (buttons they may not use are not shown). One check per
 * action: useRBAC names its answers after the action's last segment, and several of ours end alike.
 */
export const useStaffPermissions = () => {
  const review = useRBAC(REVIEW_APPLICATIONS);
  const execute = useRBAC(EXECUTE_RUNS);
  const approve = useRBAC(APPROVE_RUNS);
  const mentorships = useRBAC(MANAGE_MENTORSHIPS);
  const escalations = useRBAC(MANAGE_ESCALATIONS);
  const jobs = useRBAC(RUN_JOBS);
  return {
    canReviewApplications: Boolean(review.allowedActions.canReview),
    canExecuteRuns: Boolean(execute.allowedActions.canExecute),
    canApproveRuns: Boolean(approve.allowedActions.canApprove),
    canManageMentorships: Boolean(mentorships.allowedActions.canManage),
    canManageEscalations: Boolean(escalations.allowedActions.canManage),
    canRunJobs: Boolean(jobs.allowedActions.canRun),
  };
};

/** State of one staff action (a review, an assignment...): busy while it runs, the failure message if it fails. */
export const useAction = () => {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      return true;
    } catch (error) {
      setFailure(errorMessage(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, clearFailure: () => setFailure(null), run };
};

/** Editors' calls: programs from a style, and a program with its questions as the Content Manager reads them. */
export const useEditorApi = () => {
  const { get, post } = useFetchClient();
  return {
    createProgram: useCallback(async (body: NewProgramBody) => (await post<{ data: NewProgramResponse }>(`/${PLUGIN_ID}/programs`, body)).data.data, [post]),
    previewTemplate: useCallback(
      async (body: TemplatePreviewBody) => (await post<{ data: TemplatePreview }>(`/${PLUGIN_ID}/email-templates/preview`, body)).data.data,
      [post],
    ),
    programWithQuestions: useCallback(
      async (programId: string): Promise<EditorProgram> => {
        const program = (await get<{ data: Omit<EditorProgram, 'profileTypes'> }>(`/content-manager/collection-types/plugin::mentorship.program/${programId}`)).data.data;
        const types = (
          await get<{ results: EditorProgram['profileTypes'] }>('/content-manager/collection-types/plugin::mentorship.profile-type', {
            params: { page: 1, pageSize: 10, filters: { program: { documentId: { $eq: programId } } } },
          })
        ).data.results;
        return { ...program, profileTypes: types };
      },
      [get],
    ),
  };
};

export interface EditorProgram {
  documentId: string;
  name: string;
  style: string;
  eligibilityRules?: unknown;
  profileTypes: { documentId: string; role: 'mentor' | 'mentee'; name: string; introduction?: string | null; fields: unknown }[];
}
/**
 * Downloads one of the plugin's CSV exports (`/mentorship/...`) as a file: the server names it in
 * its Content-Disposition header, `fallbackName` when that cannot be read.
 */
export const useCsvDownload = () => {
  const { get } = useFetchClient();
  return useCallback(
    async (path: string, fallbackName: string) => {
      const response = await get<Blob>(`/${PLUGIN_ID}${path}`, { responseType: 'blob' });
      const disposition = response.headers?.get('Content-Disposition') ?? '';
      const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
      const url = URL.createObjectURL(response.data);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    },
    [get],
  );
};

/** CSV import of members' profiles into a program: `dryRun` checks every row and writes nothing. */
export const useProfileImport = () => {
  const { post } = useFetchClient();
  return useCallback(
    async (programId: string, body: ImportProfilesBody) =>
      (await post<{ data: ProfileImportResult }>(`/${PLUGIN_ID}/programs/${programId}/import/profiles`, body)).data.data,
    [post],
  );
};

/** The applications queue, filtered, sorted and paged on the server; reloads when the query changes. */
export const useApplicationsQueue = (programId: string, query: ApplicationsQuery) => {
  const { get } = useFetchClient();
  const params = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined).map(([key, value]) => [key, String(value)]));
  return useLoad(
    async () => {
      const response = await get<{ data: ApplicationView[]; meta: ApplicationsMeta }>(`/${PLUGIN_ID}/programs/${programId}/applications`, { params });
      return { data: response.data.data, meta: response.data.meta };
    },
    `applications:${programId}:${JSON.stringify(params)}`,
  );
};

/** One decision (and reason) for many applications of a program. */
export const useBulkReview = () => {
  const { post } = useFetchClient();
  return useCallback(
    async (programId: string, body: BulkReviewBody) => (await post<{ data: BulkReviewResponse }>(`/${PLUGIN_ID}/programs/${programId}/applications/review`, body)).data.data,
    [post],
  );
};
