/**
 * The OpenAPI 3.1 document served at /openapi.json, generated from the zod schemas that
 * validate requests (and describe responses), so documentation and behaviour cannot drift.
 */
import { z } from 'zod';
import { errorResponseSchema } from './error-schema';
import { matchRequestSchema, matchResponseSchema, scoresRequestSchema, scoresResponseSchema } from './matching/match-schema';
import { solveRequestSchema, solveResponseSchema } from './solver/solve-schema';
import { packageVersion } from './version';

const healthResponseSchema = z
  .object({ status: z.literal('ok'), service: z.string(), version: z.string(), uptimeSeconds: z.number() })
  .meta({ id: 'HealthResponse' });

type JsonObject = Record<string, unknown>;

/** Components from the global registry; requests as clients send them, responses as sent. */
function components(): Record<string, JsonObject> {
  // Touch the schemas so their registrations exist before conversion.
  void [
    matchRequestSchema,
    matchResponseSchema,
    scoresRequestSchema,
    scoresResponseSchema,
    solveRequestSchema,
    solveResponseSchema,
    errorResponseSchema,
    healthResponseSchema,
  ];
  const convert = (io: 'input' | 'output') =>
    z.toJSONSchema(z.globalRegistry, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
      uri: (id) => `#/components/schemas/${id}`,
    }).schemas as Record<string, JsonObject>;
  const inputs = convert('input');
  const outputs = convert('output');
  const requestIds = new Set(['MatchRequest', 'ScoresRequest', 'SolveRequest', 'Mentee', 'Mentor', 'Criterion', 'PairRef']);
  const out: Record<string, JsonObject> = {};
  for (const id of new Set([...Object.keys(inputs), ...Object.keys(outputs)])) {
    // Components live inside the document: drop the standalone-schema keys.
    const component = { ...(requestIds.has(id) ? inputs[id] : outputs[id]) };
    delete component.$schema;
    delete component.$id;
    out[id] = component;
  }
  return out;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: JsonObject) => ({ content: { 'application/json': { schema } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), { description: ERROR_DESCRIPTIONS[status], ...json(ref('ErrorResponse')) }]));

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `issues` lists the JSON path of each offending field.',
  401: 'Missing or invalid bearer token.',
  413: 'Body too large, more cells than the configured limit, or too large for the munkres engine.',
  422: 'Infeasible: locks that break a hard rule or a capacity (naming the mentees), or a matrix with no complete assignment.',
  503: 'All workers busy (see Retry-After), a computation over the time limit, or shutting down.',
};

function v1(summary: string, description: string, request: string, response: string, extraErrors: number[] = []) {
  return {
    post: {
      summary,
      description,
      security: [{ bearer: [] }],
      requestBody: { required: true, ...json(ref(request)) },
      responses: { '200': { description: 'OK', ...json(ref(response)) }, ...errors(400, 401, 413, ...extraErrors, 503) },
    },
  };
}

let cached: JsonObject | undefined;

export function openApiDocument(): JsonObject {
  cached ??= {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Mentorship matcher',
      version: packageVersion,
      description:
        'Stateless compatibility scoring and optimal cohort assignment for mentorship programs. ' +
        'Scores are weighted means of per-criterion matches in [0, 1].',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'MATCHER_TOKEN' } },
      schemas: components(),
    },
    paths: {
      '/v1/match': v1(
        'Assign a cohort',
        'Scores every mentee-mentor pair and assigns mentees to mentor places optimally under capacities, hard rules, locks and exclusions.',
        'MatchRequest',
        'MatchResponse',
        [422],
      ),
      '/v1/scores': v1(
        'Rank mentors for mentees',
        'Top-k eligible mentors per mentee with breakdowns, plus requested mentors with their score difference against the assigned one.',
        'ScoresRequest',
        'ScoresResponse',
      ),
      '/v1/solve': v1(
        'Solve a raw assignment matrix',
        'Rectangular linear sum assignment on a score or cost matrix; null marks a forbidden pair.',
        'SolveRequest',
        'SolveResponse',
        [422],
      ),
      '/health': {
        get: { summary: 'Liveness', responses: { '200': { description: 'The event loop answers.', ...json(ref('HealthResponse')) } } },
      },
      '/ready': {
        get: {
          summary: 'Readiness',
          responses: {
            '200': { description: 'A worker thread is running and the service accepts work.' },
            '503': { description: 'Shutting down, or no worker thread could start.' },
          },
        },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1 document' } } } },
    },
  };
  return cached;
}
