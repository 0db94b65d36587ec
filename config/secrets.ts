/**
 * Secrets come from the environment. Outside production a missing secret falls back to a fixed
 * development value so that a fresh clone starts with one command; in production a missing
 * secret stops the start with a message naming it.
 */
type Env = (key: string) => string | undefined;

const developmentDefaults: Record<string, string> = {
  APP_KEYS: 'dev-app-key-1,dev-app-key-2',
  API_TOKEN_SALT: 'dev-api-token-salt',
  ADMIN_JWT_SECRET: 'dev-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'dev-transfer-token-salt',
  JWT_SECRET: 'dev-users-permissions-jwt-secret',
  ENCRYPTION_KEY: 'dev-encryption-key-0123456789abcdef',
  MATCHER_TOKEN: 'dev-matcher-token',
};

export const secret = (env: Env, key: keyof typeof developmentDefaults & string): string => {
  const value = env(key);
  if (value) return value;
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`Missing required secret ${key}: set it in the environment before starting in production.`);
  }
  const fallback = developmentDefaults[key];
  if (!fallback) throw new Error(`Unknown secret ${key}`);
  return fallback;
};
