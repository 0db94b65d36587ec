import request from 'supertest';
import { createApp, type AppDependencies, type MatcherApp } from '../app';
import type { AppConfigInput } from '../config';
import { matchResponseSchema, scoresResponseSchema } from '../matching/match-schema';
import { bruteForceMinimum } from '../solver/__tests__/brute-force';
import { MAX_ABS_MATRIX_VALUE, solveResponseSchema } from '../solver/solve-schema';
import { seededRandom } from '../testing/random';
import { syntheticCohort } from '../testing/cohort';
import { holdWorker, manualTaskTimer } from '../testing/worker-control';

const TOKEN = 'test-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };

const apps: MatcherApp[] = [];
function app(config: AppConfigInput = {}, dependencies: AppDependencies = {}): MatcherApp {
  const created = createApp({ token: TOKEN, logLevel: 'silent', workers: 1, ...config }, dependencies);
  apps.push(created);
  return created;
}
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

const smallMatch = {
  mentees: [
    { id: 'mentee-a', attributes: { country: 'FR', interests: ['oncology', 'pharmacy'] }, choices: ['mentor-y'] },
    { id: 'mentee-b', attributes: { country: 'DE', interests: ['pharmacy'] } },
  ],
  mentors: [
    { id: 'mentor-x', capacity: 1, attributes: { country: 'FR', interests: ['oncology', 'pharmacy'] } },
    { id: 'mentor-y', attributes: { country: 'US', interests: ['pharmacy'] } },
  ],
  criteria: [
    { id: 'abroad', kind: 'different', menteeAttribute: 'country', mentorAttribute: 'country', required: true },
    { id: 'interests', kind: 'overlap', menteeAttribute: 'interests', mentorAttribute: 'interests', weight: 2 },
    { id: 'choice', kind: 'ranked-choice', weight: 1 },
  ],
};

describe('authentication', () => {
  const server = app();

  it('when no Authorization header is sent, then /v1 answers 401 JSON with WWW-Authenticate', async () => {
    const response = await request(server).post('/v1/match').send(smallMatch);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="matcher"');
    expect(response.body.error).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('when the token is wrong, including a prefix of the right one, then it is 401', async () => {
    for (const token of ['wrong', TOKEN.slice(0, -1), `${TOKEN}x`, '']) {
      const response = await request(server).post('/v1/solve').set('Authorization', `Bearer ${token}`).send({ matrix: [] });
      expect(response.status).toBe(401);
    }
    const basic = await request(server).post('/v1/solve').set('Authorization', `Basic ${TOKEN}`).send({ matrix: [] });
    expect(basic.status).toBe(401);
  });

  it('when the right token is sent, then the request goes through (scheme case-insensitive)', async () => {
    const response = await request(server).post('/v1/solve').set('Authorization', `bearer ${TOKEN}`).send({ matrix: [[1]] });
    expect(response.status).toBe(200);
  });

  it('when no token is configured, then /v1 is open', async () => {
    const open = app({ token: undefined });
    expect((await request(open).post('/v1/solve').send({ matrix: [[1]] })).status).toBe(200);
  });

  it('when /health, /ready and /openapi.json are requested without a token, then they answer', async () => {
    expect((await request(server).get('/health')).status).toBe(200);
    expect((await request(server).get('/ready')).status).toBe(200);
    expect((await request(server).get('/openapi.json')).status).toBe(200);
  });
});

describe('POST /v1/match', () => {
  const server = app();

  it('when given a valid cohort, then it answers pairs with breakdowns, loads, stats and hash', async () => {
    const response = await request(server).post('/v1/match').set(auth).send(smallMatch);
    expect(response.status).toBe(200);
    const body = matchResponseSchema.parse(response.body);
    expect(body.pairs.map((p) => [p.menteeId, p.mentorId])).toEqual([
      ['mentee-a', 'mentor-y'],
      ['mentee-b', 'mentor-x'],
    ]);
    expect(body.pairs[0].breakdown.map((b) => b.criterion)).toEqual(['abroad', 'interests', 'choice']);
    expect(body.stats).toMatchObject({ mentees: 2, mentors: 2, slots: 2, engine: 'jv', engineVersion: '0.1.0' });
    expect(body.stats.ms.total).toBeGreaterThanOrEqual(body.stats.ms.score);
    expect(body.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when the same request is sent twice, then the answers are identical apart from timings', async () => {
    const cohort = syntheticCohort(21, 150, 50, 2);
    const first = await request(server).post('/v1/match').set(auth).send(cohort);
    const second = await request(server).post('/v1/match').set(auth).send(cohort);
    expect(first.status).toBe(200);
    const strip = (body: { stats: { ms: unknown } }) => ({ ...body, stats: { ...body.stats, ms: null } });
    expect(strip(second.body)).toEqual(strip(first.body));
  });

  it('when fields are invalid, then it is a 400 listing each JSON path', async () => {
    const response = await request(server)
      .post('/v1/match')
      .set(auth)
      .send({
        mentees: [{ id: 'a', attributes: { years: { nested: true } } }],
        mentors: [{ id: 'x', capacity: -1, attributes: {} }],
        criteria: [{ kind: 'closeness', menteeAttribute: 'y', mentorAttribute: 'y' }],
        options: { minimumScore: 2, surprise: true },
      });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid-input');
    const paths = response.body.error.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.mentees[0].attributes.years',
        '$.mentors[0].capacity',
        '$.criteria[0].scale',
        '$.options.minimumScore',
        '$.options.surprise',
      ]),
    );
  });

  it('when the criterion kind is unknown, then the 400 points at kind and lists the kinds', async () => {
    const response = await request(server)
      .post('/v1/match')
      .set(auth)
      .send({ ...smallMatch, criteria: [{ kind: 'similar', menteeAttribute: 'a', mentorAttribute: 'a' }] });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0]).toMatchObject({ path: '$.criteria[0].kind', message: expect.stringContaining('ranked-choice') });
  });

  it('when an attribute has the wrong type for its criterion, then the 400 points at the attribute', async () => {
    const body = {
      ...smallMatch,
      criteria: [{ kind: 'at-least', id: 'experienced', mentorAttribute: 'country', min: 10 }],
    };
    const response = await request(server).post('/v1/match').set(auth).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0].path).toBe('$.mentors[0].attributes.country');
  });

  it('when the body is not JSON, then it is a 400 invalid-json, never HTML', async () => {
    const response = await request(server).post('/v1/match').set(auth).set('Content-Type', 'application/json').send('{"mentees": [');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body.error.code).toBe('invalid-json');
  });

  it('when the body is missing, then it is a 400 at the root', async () => {
    const response = await request(server).post('/v1/match').set(auth);
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0].path).toBe('$');
  });

  it('when a lock breaks a hard rule, then it is a 422 naming the mentee', async () => {
    const response = await request(server)
      .post('/v1/match')
      .set(auth)
      .send({ ...smallMatch, options: { locked: [{ menteeId: 'mentee-a', mentorId: 'mentor-x' }] } });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'infeasible-locks', details: { mentees: ['mentee-a'] } });
    expect(response.body.error.message).toContain('mentee-a');
  });

  it('when the cohort exceeds the cell limit, then it is a 413', async () => {
    const small = app({ maxCells: 3 });
    const response = await request(small).post('/v1/match').set(auth).send(smallMatch);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('too-many-cells');
  });

  it('when the body exceeds the body limit, then it is a 413', async () => {
    const tiny = app({ bodyLimit: 200 });
    const response = await request(tiny).post('/v1/match').set(auth).send(smallMatch);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('body-too-large');
  });

  it('when engine munkres is asked for a run above its size limit, then it is a 413', async () => {
    const limited = app({ munkresMaxSize: 1 });
    const response = await request(limited).post('/v1/match').set(auth).send({ ...smallMatch, options: { engine: 'munkres' } });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('engine-size-limit');
  });
});

describe('POST /v1/scores', () => {
  const server = app();

  it('when asked for top mentors and a specific one, then it answers ranks, breakdowns and score differences', async () => {
    const response = await request(server)
      .post('/v1/scores')
      .set(auth)
      .send({
        ...smallMatch,
        options: { topK: 1, mentorIds: ['mentor-x'], assigned: [{ menteeId: 'mentee-a', mentorId: 'mentor-y' }] },
      });
    expect(response.status).toBe(200);
    const body = scoresResponseSchema.parse(response.body);
    const a = body.mentees.find((m) => m.menteeId === 'mentee-a')!;
    // abroad 1 x 1, interests 2 x 0.5 (pharmacy of oncology + pharmacy), choice 1 x 1: 3 / 4.
    expect(a.assigned).toEqual({ mentorId: 'mentor-y', score: 0.75 });
    expect(a.eligibleMentors).toBe(1);
    expect(a.candidates.map((c) => c.mentorId)).toEqual(['mentor-y', 'mentor-x']);
    // "Why not mentor-x?": same country breaks the hard rule.
    expect(a.candidates[1]).toMatchObject({ eligible: false, rank: null, failed: ['abroad'] });
    expect(a.candidates[1].scoreDifference).toBeCloseTo(a.candidates[1].score - 0.75, 12);
    expect(a.candidates[0]).toMatchObject({ rank: 1, scoreDifference: 0 });
  });

  it('when menteeIds name an unknown mentee, then it is a 400 with the path', async () => {
    const response = await request(server)
      .post('/v1/scores')
      .set(auth)
      .send({ ...smallMatch, options: { menteeIds: ['mentee-a', 'ghost'] } });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0].path).toBe('$.options.menteeIds[1]');
  });
});

describe('attribute keys named like built-in object properties', () => {
  const server = app();
  const builtIns = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];

  /** mentee-2 and mentor-2 lack the key: reading it must not find Object.prototype's member. */
  const categorical = (key: string) => ({
    mentees: [
      { id: 'mentee-1', attributes: { [key]: 'x' }, choices: [] },
      { id: 'mentee-2', attributes: {} },
    ],
    mentors: [
      { id: 'mentor-1', attributes: { [key]: 'x' } },
      { id: 'mentor-2', attributes: {} },
    ],
    criteria: [
      { id: key, kind: 'same', menteeAttribute: key, mentorAttribute: key },
      { id: 'choice', kind: 'ranked-choice', menteeAttribute: 'wish', mentorAttribute: key },
    ],
  });
  const withWish = (key: string) => {
    const body = categorical(key);
    body.mentees[0].attributes = { [key]: 'x', wish: ['x'] };
    return body;
  };
  const numeric = (key: string) => ({
    mentees: [
      { id: 'mentee-1', attributes: { [key]: 5 } },
      { id: 'mentee-2', attributes: {} },
    ],
    mentors: [
      { id: 'mentor-1', attributes: { [key]: 5 } },
      { id: 'mentor-2', attributes: {} },
    ],
    criteria: [{ id: key, kind: 'closeness', menteeAttribute: key, mentorAttribute: key, scale: 10 }],
  });

  it.each(builtIns)('when the key is "%s", then /v1/match scores it like any other key', async (key) => {
    for (const body of [withWish(key), numeric(key)]) {
      const response = await request(server).post('/v1/match').set(auth).send(body);
      expect(response.status).toBe(200);
      const answer = matchResponseSchema.parse(response.body);
      expect(answer.pairs.map((p) => [p.menteeId, p.mentorId, p.score])).toEqual([
        ['mentee-1', 'mentor-1', 1],
        ['mentee-2', 'mentor-2', 0],
      ]);
      expect(answer.pairs[0].breakdown[0]).toMatchObject({ criterion: key, raw: 1, passed: true });
    }
  });

  it.each(builtIns)('when the key is "%s", then /v1/scores scores it like any other key', async (key) => {
    for (const body of [withWish(key), numeric(key)]) {
      const response = await request(server).post('/v1/scores').set(auth).send(body);
      expect(response.status).toBe(200);
      const answer = scoresResponseSchema.parse(response.body);
      expect(answer.mentees.map((m) => [m.menteeId, m.candidates.map((c) => [c.mentorId, c.score])])).toEqual([
        ['mentee-1', [['mentor-1', 1], ['mentor-2', 0]]],
        ['mentee-2', [['mentor-1', 0], ['mentor-2', 0]]],
      ]);
    }
  });

  it('when an attribute key is "__proto__", then /v1/match and /v1/scores answer 400 naming it instead of dropping it', async () => {
    const raw = '{"mentees":[{"id":"a","attributes":{"__proto__":["x"]}}],"mentors":[{"id":"m","attributes":{}}],"criteria":[]}';
    for (const path of ['/v1/match', '/v1/scores']) {
      const response = await request(server).post(path).set(auth).set('Content-Type', 'application/json').send(raw);
      expect(response.status).toBe(400);
      expect(response.body.error.issues).toEqual([
        { path: '$.mentees[0].attributes.__proto__', message: '"__proto__" is reserved and cannot be a key' },
      ]);
    }
  });

  it('when a criterion reads the attribute "__proto__", then it is a 400 naming the criterion field', async () => {
    for (const path of ['/v1/match', '/v1/scores']) {
      const response = await request(server)
        .post(path)
        .set(auth)
        .send({ ...categorical('country'), criteria: [{ kind: 'same', menteeAttribute: '__proto__', mentorAttribute: 'country' }] });
      expect(response.status).toBe(400);
      expect(response.body.error.issues[0]).toMatchObject({ path: '$.criteria[0].menteeAttribute', message: expect.stringContaining('reserved') });
    }
  });
});

describe('numbers at and beyond the documented ranges', () => {
  const server = app();
  const solve = (body: unknown) => request(server).post('/v1/solve').set(auth).send(body as object);
  const raw = (path: string, json: string) => request(server).post(path).set(auth).set('Content-Type', 'application/json').send(json);
  const paths = (response: request.Response) => response.body.error.issues.map((issue: { path: string }) => issue.path);

  it('when a matrix holds values near the float limit, then it is a 400 naming each cell outside the range, never 422', async () => {
    const response = await solve({ matrix: [[-1.7e308, 1.7e308], [1.7e308, null]] });
    expect(response.status).toBe(400);
    expect(paths(response)).toEqual(['$.matrix[0][0]', '$.matrix[0][1]', '$.matrix[1][0]']);
    expect(response.body.error.issues[0].message).toBe(`must be between -${MAX_ABS_MATRIX_VALUE} and ${MAX_ABS_MATRIX_VALUE} (the range of matrix values)`);
  });

  it('when the total of a matrix would overflow, then it is a 400 naming the cells, never a null total', async () => {
    const response = await solve({ matrix: [[1e308, -1e308], [-1e308, 1e308]] });
    expect(response.status).toBe(400);
    expect(paths(response)).toEqual(['$.matrix[0][0]', '$.matrix[0][1]', '$.matrix[1][0]', '$.matrix[1][1]']);
  });

  it('when huge and small values are mixed (maximize), then it is a 400 naming the huge cells, never a wrong optimum', async () => {
    const response = await solve({ matrix: [[-1e300, 3.5], [2, 1e300]], maximize: true });
    expect(response.status).toBe(400);
    expect(paths(response)).toEqual(['$.matrix[0][0]', '$.matrix[1][1]']);
  });

  it('when the same mix stays inside the range, then both engines find the true optimum', async () => {
    for (const engine of ['jv', 'munkres']) {
      const response = await solve({ matrix: [[-MAX_ABS_MATRIX_VALUE, 3.5], [2, MAX_ABS_MATRIX_VALUE]], maximize: true, engine });
      expect(response.status).toBe(200);
      expect(response.body.assignments.map((a: { col: number }) => a.col)).toEqual([1, 0]);
      expect(response.body.total).toBe(5.5);
    }
    const opposite = await solve({ matrix: [[MAX_ABS_MATRIX_VALUE, -MAX_ABS_MATRIX_VALUE], [-MAX_ABS_MATRIX_VALUE, MAX_ABS_MATRIX_VALUE]] });
    expect(opposite.body.total).toBe(-2 * MAX_ABS_MATRIX_VALUE);
  });

  it('when random matrices mix values at the range edges with small ones, then the total is the brute-force optimum', async () => {
    const random = seededRandom(8_5);
    const edge = [MAX_ABS_MATRIX_VALUE, -MAX_ABS_MATRIX_VALUE, MAX_ABS_MATRIX_VALUE - 1, 0.5, -3, 2, 7.25];
    for (let round = 0; round < 40; round++) {
      const nRows = 1 + Math.floor(random() * 5);
      const nCols = 1 + Math.floor(random() * 5);
      const matrix = Array.from({ length: nRows }, () => Array.from({ length: nCols }, () => edge[Math.floor(random() * edge.length)]));
      const maximize = round % 2 === 1;
      const flat = Float64Array.from(matrix.flat(), (value) => (maximize ? -value : value));
      const best = bruteForceMinimum(flat, nRows, nCols);
      const response = await solve({ matrix, maximize, engine: round % 4 < 2 ? 'jv' : 'munkres' });
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(maximize ? -best : best);
    }
  });

  it('when a number is beyond the float range (1e309), then the 400 says it must be a finite number', async () => {
    const cell = await raw('/v1/solve', '{"matrix":[[1, 1e309]]}');
    expect(cell.status).toBe(400);
    expect(cell.body.error.issues).toEqual([{ path: '$.matrix[0][1]', message: 'expected a finite number' }]);
    const attribute = await raw('/v1/match', '{"mentees":[{"id":"a","attributes":{"years":-1e309}}],"mentors":[],"criteria":[]}');
    expect(attribute.status).toBe(400);
    expect(attribute.body.error.issues).toEqual([{ path: '$.mentees[0].attributes.years', message: 'expected a finite number' }]);
  });

  it('when the JSON body is null or a number, then the 400 says an object is expected', async () => {
    for (const path of ['/v1/solve', '/v1/match', '/v1/scores']) {
      for (const json of ['null', '3']) {
        const response = await raw(path, json);
        expect(response.status).toBe(400);
        expect(response.body.error.issues).toEqual([{ path: '$', message: 'expected an object' }]);
      }
    }
  });

  it('when a criterion weight is too small to divide by, then it is a 400 at the weight, never a null score', async () => {
    const response = await request(server)
      .post('/v1/scores')
      .set(auth)
      .send({ ...smallMatch, criteria: [{ kind: 'same', menteeAttribute: 'country', mentorAttribute: 'country', weight: 5e-324 }] });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0]).toMatchObject({ path: '$.criteria[0].weight', message: expect.stringContaining('must be 0, or between') });
  });
});

describe('POST /v1/solve', () => {
  const server = app();

  it('when minimising, then it returns scipy\'s answer to the documentation example', async () => {
    const response = await request(server).post('/v1/solve').set(auth).send({ matrix: [[4, 1, 3], [2, 0, 5], [3, 2, 2]] });
    expect(response.status).toBe(200);
    const body = solveResponseSchema.parse(response.body);
    expect(body.assignments).toEqual([
      { row: 0, col: 1, value: 1 },
      { row: 1, col: 0, value: 2 },
      { row: 2, col: 2, value: 2 },
    ]);
    expect(body.total).toBe(5);
  });

  it('when maximising with null cells, then null is forbidden', async () => {
    const response = await request(server)
      .post('/v1/solve')
      .set(auth)
      .send({ matrix: [[10, null], [9, 1]], maximize: true, engine: 'munkres' });
    expect(response.status).toBe(200);
    expect(response.body.assignments.map((a: { col: number }) => a.col)).toEqual([0, 1]);
    expect(response.body.stats.engine).toBe('munkres');
  });

  it('when the forbidden cells leave no complete assignment, then it is a 422', async () => {
    for (const engine of ['jv', 'munkres']) {
      const response = await request(server).post('/v1/solve').set(auth).send({ matrix: [[1, null], [2, null]], engine });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('infeasible-cost-matrix');
    }
  });

  it('when rows differ in length, then it is a 400 pointing at the row', async () => {
    const response = await request(server).post('/v1/solve').set(auth).send({ matrix: [[1, 2], [3]] });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0].path).toBe('$.matrix[1]');
  });

  it('when a cell is not a number, then it is a 400 pointing at the cell', async () => {
    const response = await request(server).post('/v1/solve').set(auth).send({ matrix: [[1, 2], [3, 'x']] });
    expect(response.status).toBe(400);
    expect(response.body.error.issues[0].path).toBe('$.matrix[1][1]');
  });

  it('when the matrix is empty, then the assignment is empty', async () => {
    const response = await request(server).post('/v1/solve').set(auth).send({ matrix: [] });
    expect(response.body).toMatchObject({ assignments: [], total: 0 });
  });
});

describe('service behaviour', () => {
  it('when every worker is busy and the queue is full, then it is a 503 with Retry-After, and later requests succeed', async () => {
    const busy = app({ workers: 1, queueLimit: 0 });
    const held = holdWorker(busy.pool);
    try {
      const refused = await request(busy).post('/v1/solve').set(auth).send({ matrix: [[1]] });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('busy');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      held.release();
    }
    await held.done;
    expect((await request(busy).post('/v1/solve').set(auth).send({ matrix: [[1]] })).status).toBe(200);
  });

  it('when a computation exceeds the time limit, then it is a 503 and the next request gets a fresh worker', async () => {
    // The time limit expires when the test says so; nothing here races the clock.
    const timeouts = manualTaskTimer();
    const slow = app({ workers: 1 }, { taskTimer: timeouts.timer });
    const held = holdWorker(slow.pool);
    try {
      expect(timeouts.pending).toBe(1);
      timeouts.expireAll();
      await expect(held.done).rejects.toMatchObject({ status: 503, code: 'compute-timeout' });
      expect(slow.pool.stats).toMatchObject({ started: 0, busy: 0 });
    } finally {
      held.release();
    }
    const next = await request(slow).post('/v1/solve').set(auth).send({ matrix: [[2]] });
    expect(next.status).toBe(200);
    expect(next.body.total).toBe(2);
    expect(slow.pool.stats).toMatchObject({ started: 1, busy: 0 });
    expect(timeouts.pending).toBe(0);
  });

  it('when an unknown route is requested, then it is a JSON 404', async () => {
    const response = await request(app()).get('/v2/nothing');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not-found');
  });

  it('when /openapi.json is read, then it documents every route and every criterion kind from the schemas', async () => {
    const response = await request(app()).get('/openapi.json');
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/match', '/v1/scores', '/v1/solve', '/health', '/ready']),
    );
    const criterion = JSON.stringify(document.components.schemas.Criterion);
    for (const kind of ['same', 'different', 'exclude-same', 'overlap', 'language', 'at-least', 'range', 'closeness', 'ranked-choice']) {
      expect(criterion).toContain(`"const":"${kind}"`);
    }
    expect(document.paths['/v1/match'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/MatchRequest',
    });
    expect(document.components.schemas.MatchResponse.properties.unmatched).toBeDefined();
    const cell = document.components.schemas.SolveRequest.properties.matrix.items.items;
    expect(JSON.stringify(cell)).toContain(`"minimum":-${MAX_ABS_MATRIX_VALUE}`);
    expect(JSON.stringify(cell)).toContain(`"maximum":${MAX_ABS_MATRIX_VALUE}`);
  });
});
