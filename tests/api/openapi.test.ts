import type { z } from 'zod';
import { ERROR_EXAMPLES, OPERATIONS, openApiPath } from '../../cms/server/src/openapi/members-openapi';
import { errorResponseSchema } from '../../cms/shared/contracts/errors';
import * as api from '../../cms/shared/contracts/members-api';
import { createProfile, createProgram, registerMember, startJourneyApp, type JourneyApp, type Member, type ProgramFixture } from '../helpers/journeys';

type Json = Record<string, unknown>;

/** The zod issues of `value` against `schema`, as "path: message" lines (empty when it validates). */
const problems = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe("the members' API OpenAPI document", () => {
  let app: JourneyApp;
  let document: Json;
  let program: ProgramFixture;
  let mentee: Member;
  let mentor: Member;

  beforeAll(async () => {
    app = await startJourneyApp();
    document = (await app.http().get('/api/mentorship/openapi.json').expect(200)).body as Json;
    program = await createProgram(app.strapi, 'mentor-exchange');
    mentee = await registerMember(app, 'Ola Mentee');
    mentor = await registerMember(app, 'Pim Mentor');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when anyone asks for /api/mentorship/openapi.json without a token, then an OpenAPI 3.1 document comes back', () => {
    expect(document.openapi).toBe('3.1.0');
    expect((document.info as Json).title).toBe("Mentorship members' API");
    expect((document.servers as Json[])[0]).toEqual({ url: '/api/mentorship' });
    expect(String((document.info as Json).description)).toContain('`mentor-full` (409)');
  });

  it("when the plugin's content-API routes are compared with the document, then every route is documented and nothing else is", () => {
    const routers = app.strapi.plugin('mentorship').routes as Record<string, { routes: { method: string; path: string }[] }>;
    const routes = routers['content-api']!.routes.map(
      (route) => `${route.method.toLowerCase()} ${openApiPath(route.path)}`,
    );
    const paths = document.paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    expect(routes.length).toBeGreaterThanOrEqual(22);
    expect([...documented].sort()).toEqual([...routes].sort());
    for (const [path, operations] of Object.entries(paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const operation of Object.values(operations) as { parameters: { name: string; in: string }[] }[]) {
        expect(operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name)).toEqual(names);
      }
    }
  });

  it('when every documented example is checked against the schema the API validates with, then each one validates', () => {
    let checked = 0;
    for (const operation of OPERATIONS) {
      for (const [name, example] of Object.entries(operation.body?.examples ?? {})) {
        expect({ where: `${operation.method} ${operation.path} body ${name}`, problems: problems(operation.body!.schema, example.value) }).toEqual({
          where: `${operation.method} ${operation.path} body ${name}`,
          problems: [],
        });
        checked += 1;
      }
      for (const [name, example] of Object.entries(operation.response.examples ?? {})) {
        expect({ where: `${operation.method} ${operation.path} response ${name}`, problems: problems(operation.response.schema!, example.value) }).toEqual({
          where: `${operation.method} ${operation.path} response ${name}`,
          problems: [],
        });
        checked += 1;
      }
    }
    for (const examples of Object.values(ERROR_EXAMPLES)) {
      for (const [name, example] of Object.entries(examples)) {
        expect({ name, problems: problems(errorResponseSchema, example.value) }).toEqual({ name, problems: [] });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('when the served document is read, then it carries those examples and every $ref names a component', () => {
    const paths = document.paths as Record<string, Record<string, Json>>;
    const create = paths['/programs/{slug}/requests']!.post!;
    const body = (create.requestBody as { content: Record<string, { examples: Record<string, { value: unknown }> }> }).content['application/json']!;
    expect(body.examples.direct!.value).toEqual(OPERATIONS.find((operation) => operation.path === '/programs/:slug/requests')!.body!.examples!.direct!.value);
    const components = (document.components as { schemas: Json }).schemas;
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((ref) => !(ref in components))).toEqual([]);
    expect(components).toHaveProperty('ErrorResponse');
    expect(components).toHaveProperty('CreateRequest');
    expect((components.CreateRequest as Json).additionalProperties).toBe(false);
  });

  it('when a member goes through enrollment, a request and its acceptance, then every real answer validates against its documented schema', async () => {
    const listed = await app.http().get('/api/mentorship/programs').expect(200);
    expect(problems(OPERATIONS.find((operation) => operation.path === '/programs')!.response.schema!, listed.body)).toEqual([]);
    const detail = await app.http().get(`/api/mentorship/programs/${program.slug}`).expect(200);
    expect(problems(api.programDetailSchema, detail.body.data)).toEqual([]);

    const mentorProfile = await createProfile(app.strapi, { member: mentor, program, role: 'mentor', displayName: 'Pim Mentor' });
    const enrolled = await app
      .as(mentee)
      .post(`/api/mentorship/programs/${program.slug}/profiles`)
      .send({ role: 'mentee', displayName: 'Ola Mentee', answers: { interests: ['cardiology'], careerStage: 'resident', country: 'FR' } })
      .expect(201);
    expect(problems(api.ownProfileSchema, enrolled.body.data)).toEqual([]);

    const directory = await app.as(mentee).get(`/api/mentorship/programs/${program.slug}/directory`).expect(200);
    expect(problems(api.directoryResponseSchema, directory.body)).toEqual([]);

    const sent = await app.as(mentee).post(`/api/mentorship/programs/${program.slug}/requests`).send({ to: mentorProfile.documentId, message: 'May I ask you about cardiology?' }).expect(201);
    expect(problems(api.requestSchema, sent.body.data)).toEqual([]);
    const accepted = await app.as(mentor).post(`/api/mentorship/requests/${sent.body.data.documentId}/accept`).send({}).expect(200);
    expect(problems(api.acceptedRequestSchema, accepted.body.data)).toEqual([]);

    const me = await app.as(mentee).get('/api/mentorship/me').expect(200);
    expect(problems(api.meSchema, me.body)).toEqual([]);
    expect(me.body.data.mentorships).toHaveLength(1);

    const refused = await app.as(mentee).post(`/api/mentorship/requests/${sent.body.data.documentId}/accept`).send({}).expect(403);
    expect(problems(errorResponseSchema, refused.body)).toEqual([]);
  });
});
