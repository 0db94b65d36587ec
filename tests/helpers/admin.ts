import type { TestApp } from './strapi';

/** Registers the first super admin of a fresh database and returns its admin JWT. */
export const registerSuperAdmin = async (app: TestApp, email = 'super.admin@example.org'): Promise<string> => {
  const response = await app
    .http()
    .post('/admin/register-admin')
    .send({ email, password: 'Super-admin-2026', firstname: 'Super', lastname: 'Admin' })
    .expect(200);
  return response.body.data.token as string;
};

/** Content Manager calls as an editor would make them. */
export const contentManager = (app: TestApp, token: string) => {
  const base = (uid: string) => `/content-manager/collection-types/${uid}`;
  return {
    /** the admin's Authorization header, for the Content Manager's other routes */
    auth: { Authorization: `Bearer ${token}` },
    create: (uid: string, data: Record<string, unknown>, locale?: string) =>
      app.http().post(`${base(uid)}${locale ? `?locale=${locale}` : ''}`).set('Authorization', `Bearer ${token}`).send(data),
    update: (uid: string, documentId: string, data: Record<string, unknown>, locale?: string) =>
      app.http().put(`${base(uid)}/${documentId}${locale ? `?locale=${locale}` : ''}`).set('Authorization', `Bearer ${token}`).send(data),
    get: (uid: string, documentId: string) => app.http().get(`${base(uid)}/${documentId}`).set('Authorization', `Bearer ${token}`),
    remove: (uid: string, documentId: string) => app.http().delete(`${base(uid)}/${documentId}`).set('Authorization', `Bearer ${token}`),
  };
};

export const connect = (documentId: string) => ({ connect: [{ documentId }] });

/** The paths named by a Strapi ValidationError response, joined with dots. */
export const errorPaths = (body: { error?: { details?: { errors?: { path: string[] }[] } } }): string[] =>
  (body.error?.details?.errors ?? []).map((error) => error.path.join('.'));
