import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { createStrapi, type Core } from '@strapi/strapi';
import { createDatabase, dropDatabase } from '../setup/postgres';

export const appDir = path.resolve(__dirname, '..', '..');
export const distDir = path.join(appDir, 'dist');

export interface TestApp {
  strapi: Core.Strapi;
  http: () => ReturnType<typeof request>;
  database: 'sqlite' | 'postgres';
  stop: () => Promise<void>;
}

let counter = 0;

/**
 * Boots the host app with the plugin on a fresh, empty database of the kind TEST_DB names
 * (a temporary SQLite file, or a new database on the test PostgreSQL server).
 */
export const startApp = async (): Promise<TestApp> => {
  const database = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
  const name = `test_${process.pid}_${Date.now().toString(36)}_${(counter += 1)}`;
  let cleanup: () => Promise<void>;

  if (database === 'postgres') {
    const adminUrl = process.env.TEST_PG_ADMIN_URL;
    if (!adminUrl) throw new Error('TEST_PG_ADMIN_URL is not set: run the tests through the jest config (global setup starts PostgreSQL)');
    process.env.DATABASE_URL = await createDatabase(adminUrl, name);
    delete process.env.DATABASE_FILENAME;
    cleanup = () => dropDatabase(adminUrl, name);
  } else {
    delete process.env.DATABASE_URL;
    const filename = path.join('.tmp', `${name}.db`);
    process.env.DATABASE_FILENAME = filename;
    cleanup = async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(appDir, filename + suffix), { force: true });
    };
  }

  const strapi = await createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false }).load();
  strapi.server.mount();
  return {
    strapi,
    database,
    http: () => request(strapi.server.httpServer),
    stop: async () => {
      await strapi.destroy();
      await cleanup();
    },
  };
};
