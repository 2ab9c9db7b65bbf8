import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../config.js';

/** The bot's model settings (KEFU_LLM_*): off unless a URL is given, and refused when half given or malformed. */
describe('language model configuration', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'kefu-llm-config-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const base = { DATABASE_URL: ':memory:' };
  const problems = (env: Record<string, string>) => {
    try {
      configFromEnv({ ...base, ...env }, cwd);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems.join('\n');
    }
    throw new Error('expected a ConfigError');
  };

  it('is off by default, and on with a URL and a model', () => {
    expect(configFromEnv(base, cwd).llm).toBeNull();
    expect(
      configFromEnv({ ...base, KEFU_LLM_URL: 'http://127.0.0.1:9999/v1/', KEFU_LLM_MODEL: 'qwen-plus' }, cwd).llm,
    ).toEqual({ baseUrl: 'http://127.0.0.1:9999/v1', model: 'qwen-plus', apiKey: undefined, timeoutMs: 8000, topK: 3 });
  });

  it('names each bad variable', () => {
    expect(problems({ KEFU_LLM_URL: 'https://api.example.com/v1' })).toContain('KEFU_LLM_MODEL is required');
    expect(problems({ KEFU_LLM_URL: 'ftp://x/v1', KEFU_LLM_MODEL: 'm' })).toContain('KEFU_LLM_URL must be an http');
    expect(problems({ KEFU_LLM_TIMEOUT_MS: '50' })).toContain('KEFU_LLM_TIMEOUT_MS must be between 100 and 120000');
    expect(problems({ KEFU_LLM_TOP_K: '11' })).toContain('KEFU_LLM_TOP_K must be between 1 and 10');
  });
});
