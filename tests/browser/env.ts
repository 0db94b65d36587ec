import fs from 'fs';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const appDir = path.resolve(__dirname, '..', '..');
export const artifactsDir = path.join(appDir, 'tests', 'artifacts');
export const CHROMIUM = '/usr/bin/chromium';

/** The environment the built app is built and started with: fixed secrets, no telemetry. */
export const appEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  STRAPI_LOG_LEVEL: 'info',
  APP_KEYS: 'browser-key-1,browser-key-2',
  API_TOKEN_SALT: 'browser-api-token-salt',
  ADMIN_JWT_SECRET: 'browser-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'browser-transfer-token-salt',
  JWT_SECRET: 'browser-jwt-secret',
  ENCRYPTION_KEY: 'browser-encryption-key-0123456789',
  MATCHER_TOKEN: 'browser-matcher-token',
  // Journeys sign members up and go on at once; e-mail confirmation is tested in tests/api/membership.test.ts.
  MEMBER_EMAIL_CONFIRMATION: 'false',
  ...extra,
});

/** Debian Chromium's flags for a headless run in a container, with nothing fetched from elsewhere. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A fresh Chromium profile with one page, waiting at most 30 s for any element. */
export const openBrowser = async (userDataDir: string, viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30000);
  return { context, page };
};

/** Signs in to the admin panel through its own form. */
export const signInToAdmin = async (page: Page, base: string, user: { email: string; password: string }): Promise<void> => {
  await page.goto(`${base}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
};

/** Removes a test's SQLite database and its journal files. */
export const removeDatabaseFiles = (database: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(appDir, database + suffix), { force: true });
};
