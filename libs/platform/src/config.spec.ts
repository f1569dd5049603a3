import { ConfigError, loadConfig, type OptionSpecs } from './config';

const specs = {
  port: { flag: 'port', env: 'T_PORT', type: 'number', default: 8081, description: 'port' },
  redis: { flag: 'redis', env: 'REDIS_URL', type: 'string', default: '', description: 'redis' },
  insecure: { flag: 'insecure', env: 'T_INSECURE', type: 'boolean', default: false, description: 'tls off' },
} as const satisfies OptionSpecs;

describe('loadConfig', () => {
  it('uses defaults when neither flag nor environment is set', () => {
    expect(loadConfig(specs, [], {})).toEqual({ port: 8081, redis: '', insecure: false });
  });

  it('prefers the flag over its environment twin', () => {
    expect(loadConfig(specs, ['--port', '9000'], { T_PORT: '7000', REDIS_URL: 'redis://x:6379' })).toEqual({
      port: 9000,
      redis: 'redis://x:6379',
      insecure: false,
    });
  });

  it('reads booleans from flags and from the environment', () => {
    expect(loadConfig(specs, ['--insecure'], {}).insecure).toBe(true);
    expect(loadConfig(specs, [], { T_INSECURE: 'true' }).insecure).toBe(true);
    expect(loadConfig(specs, [], { T_INSECURE: '0' }).insecure).toBe(false);
  });

  it('names the flag or variable whose value is unusable', () => {
    expect(() => loadConfig(specs, ['--port', 'eighty'], {})).toThrow(new ConfigError('--port: expected a number, got "eighty"'));
    expect(() => loadConfig(specs, [], { T_PORT: '' })).toThrow(/T_PORT: expected a number/);
    expect(() => loadConfig(specs, [], { T_INSECURE: 'maybe' })).toThrow(/T_INSECURE: expected true or false/);
  });

  it('refuses unknown flags instead of silently using defaults', () => {
    expect(() => loadConfig(specs, ['--prot', '1'], {})).toThrow(ConfigError);
  });
});
