import { ConfigError, loadConfig, resolveConfig } from '../config';

describe('configuration', () => {
  it('when the environment is empty, then the documented defaults apply', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4100,
      token: undefined,
      production: false,
      maxCells: 25_000_000,
      bodyLimit: '32mb',
      queueLimit: 4,
      munkresMaxSize: 200,
      logLevel: 'info',
    });
    expect(config.workers).toBeGreaterThanOrEqual(1);
  });

  it('when variables are set, then they are read and typed', () => {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '5000',
      MATCHER_TOKEN: 'abc',
      NODE_ENV: 'production',
      MATCHER_MAX_CELLS: '1000',
      MATCHER_BODY_LIMIT: '1048576',
      MATCHER_WORKERS: '2',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({ port: 5000, token: 'abc', production: true, maxCells: 1000, bodyLimit: 1048576, workers: 2, logLevel: 'warn' });
  });

  it('when a number is malformed, then a ConfigError names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(new ConfigError('PORT must be a whole number, got "eighty"'));
  });

  it('when a value is out of range, then the ConfigError names the setting and its variable', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/port \(PORT\)/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/logLevel \(LOG_LEVEL\)/);
    expect(() => resolveConfig({ workers: 0 })).toThrow(ConfigError);
  });
});
