import request from 'supertest';
import { createApp, type MatcherApp } from '../../app';
import { seededRandom } from '../../testing/random';

const TOKEN = 'health-test-token-0123456789';
let app: MatcherApp;

beforeAll(() => {
  app = createApp({ token: TOKEN, logLevel: 'silent', workers: 1 });
});
afterAll(async () => {
  await app.close();
});

/** A 3000 x 3000 cohort with continuous scores: a solve that takes a noticeable while. */
function largeCohort(n: number) {
  const random = seededRandom(2024);
  const people = (prefix: string) =>
    Array.from({ length: n }, (_, k) => ({ id: `${prefix}-${k}`, attributes: { stage: random() * 100 } }));
  return {
    mentees: people('e'),
    mentors: people('m'),
    criteria: [{ kind: 'closeness', menteeAttribute: 'stage', mentorAttribute: 'stage', offset: 0, scale: 150 }],
  };
}

describe('health and readiness', () => {
  it('when /health is requested, then it answers ok with the version', async () => {
    const response = await request(app).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', service: 'matcher', version: '0.1.0' });
  });

  it('when /ready is requested, then a worker thread is started and it answers ready', async () => {
    const response = await request(app).get('/ready');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ready', workers: { size: 1, started: 1 } });
  });

  it(
    'when a 3000 x 3000 match is being solved, then /health keeps answering while the worker is busy',
    async () => {
      let matchDone = false;
      const match = request(app)
        .post('/v1/match')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send(largeCohort(3000))
        .then((response) => {
          matchDone = true;
          return response;
        });
      // Poll until the match answers; count health answers given while its worker was busy.
      let answeredDuringSolve = 0;
      while (!matchDone) {
        const health = await request(app).get('/health');
        expect(health.status).toBe(200);
        if (!matchDone && app.pool.stats.busy === 1) answeredDuringSolve++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const response = await match;
      expect(response.status).toBe(200);
      expect(response.body.pairs).toHaveLength(3000);
      expect(answeredDuringSolve).toBeGreaterThan(0);
    },
    120_000,
  );

  it('when the app is closing, then /ready answers 503 while /health still answers', async () => {
    const closing = createApp({ token: TOKEN, logLevel: 'silent', workers: 1 });
    await closing.close();
    expect((await request(closing).get('/ready')).status).toBe(503);
    expect((await request(closing).get('/health')).status).toBe(200);
    const refused = await request(closing).post('/v1/solve').set('Authorization', `Bearer ${TOKEN}`).send({ matrix: [[1]] });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('shutting-down');
  });
});
