import path from 'path';

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
