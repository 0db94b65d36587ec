/** Settings every test process shares: fixed secrets, quiet logs, no telemetry, no demo seed. */
Object.assign(process.env, {
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
  STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error',
  APP_KEYS: 'test-key-1,test-key-2',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  JWT_SECRET: 'test-jwt-secret',
  ENCRYPTION_KEY: 'test-encryption-key-0123456789ab',
  MATCHER_TOKEN: 'test-matcher-token',
  // Most stories register members and sign in at once; the membership tests turn confirmation on.
  MEMBER_EMAIL_CONFIRMATION: process.env.MEMBER_EMAIL_CONFIRMATION ?? 'false',
  DEMO_SEED: process.env.DEMO_SEED ?? 'false',
});
