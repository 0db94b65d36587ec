import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';

/**
 * Admin users and their access tokens for tests, without POST /admin/login (rate-limited):
 * a session is opened through the admin session manager, as the login controller does.
 */
export interface AdminSession {
  id: number;
  email: string;
  token: string;
  auth: { Authorization: string };
}

let counter = 0;

export const accessTokenFor = async (strapi: Core.Strapi, userId: number): Promise<string> => {
  const manager = (strapi as unknown as { sessionManager: (origin: string) => { generateRefreshToken: (...args: unknown[]) => Promise<{ token: string }>; generateAccessToken: (token: string) => Promise<{ token: string } | { error: string }> } })
    .sessionManager('admin');
  const { token: refreshToken } = await manager.generateRefreshToken(String(userId), randomUUID(), { type: 'session' });
  const access = await manager.generateAccessToken(refreshToken);
  if ('error' in access) throw new Error(`could not open an admin session: ${access.error}`);
  return access.token;
};

export const createAdmin = async (strapi: Core.Strapi, roleId: number, name = 'Staff'): Promise<AdminSession> => {
  counter += 1;
  const email = `${name.toLowerCase().replace(/[^a-z]/g, '')}-${counter}-${Date.now().toString(36)}@office.example.org`;
  const user = (await strapi.admin.services.user.create({
    email,
    firstname: name,
    lastname: `Tester${counter}`,
    password: 'Staff-password-1',
    isActive: true,
    registrationToken: null,
    roles: [roleId],
  })) as { id: number };
  const token = await accessTokenFor(strapi, user.id);
  return { id: user.id, email, token, auth: { Authorization: `Bearer ${token}` } };
};

export const superAdmin = async (strapi: Core.Strapi): Promise<AdminSession> => {
  const role = (await strapi.admin.services.role.getSuperAdmin()) as { id: number };
  return createAdmin(strapi, role.id, 'Super');
};

/** A role holding exactly `actions` (plugin actions have no subject). */
export const roleWith = async (strapi: Core.Strapi, actions: string[], name = `role-${Date.now().toString(36)}-${(counter += 1)}`): Promise<number> => {
  const role = (await strapi.admin.services.role.create({ name, description: `test role ${name}` })) as { id: number };
  await strapi.admin.services.role.assignPermissions(role.id, actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })));
  return role.id;
};
