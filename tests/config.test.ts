import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { runCli } from '../src/cli.ts';

describe('loadConfig', () => {
  it('reads config/duban.yaml with environment overrides', () => {
    const c = loadConfig({ DUBAN_COORDINATORS: 'wxid_a, wxid_b', WECHATY_PUPPET: 'wechaty-puppet-service', KEYV_URL: 'redis://127.0.0.1:6390' });
    expect(c.coordinators).toEqual(['wxid_a', 'wxid_b']);
    expect(c.bot).toMatchObject({ name: '督办助手', puppet: 'wechaty-puppet-service', prefixes: ['/', '督办'] });
    expect(c.storeUrl).toBe('redis://127.0.0.1:6390');
    expect(c.limits.perUserPerMinute).toBe(10);
  });

  it('lists every problem of an invalid configuration at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-config-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'bot:\n  name: ""\n  prefixes: []\nlimits:\n  perUserPerMinute: -1\n  maxReplyChars: 10\n');
    let error: ConfigError | undefined;
    try {
      loadConfig({ DUBAN_CONFIG: file });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(4);
    expect(error!.message).toContain('bot.name');
    expect(error!.message).toContain('limits.perUserPerMinute');
    const err: string[] = [];
    expect(await runCli(['kb'], { out: () => undefined, err: (t) => err.push(t) }, { DUBAN_CONFIG: file })).toBe(2);
    expect(err.join('\n')).toContain('配置有误');
    rmSync(dir, { recursive: true, force: true });
  });
});
