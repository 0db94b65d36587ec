import { startApp, type TestApp } from '../helpers/strapi';

describe('programs API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when nothing exists, then the list is empty', async () => {
    const response = await app.http().get('/api/mentorship/programs').expect(200);
    expect(response.body).toEqual({ data: [], meta: { total: 0 } });
  });
});
