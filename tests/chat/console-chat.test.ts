import { describe, expect, it } from 'vitest';
import { parseConsoleCommand, promptFor, shanghaiMorning } from '../../src/chat/console-chat.ts';

describe('console commands (pure)', () => {
  it('parses the commands', () => {
    expect(parseConsoleCommand(':room 市场监管局群')).toEqual({ kind: 'room', name: '市场监管局群' });
    expect(parseConsoleCommand(':room')).toEqual({ kind: 'room' });
    expect(parseConsoleCommand(':as 李四')).toEqual({ kind: 'as', name: '李四' });
    expect(parseConsoleCommand(':as 王协调 wxid_example_coordinator')).toEqual({ kind: 'as', name: '王协调', id: 'wxid_example_coordinator' });
    expect(parseConsoleCommand(':as 王 协调')).toEqual({ kind: 'as', name: '王 协调' });
    expect(parseConsoleCommand(':as').kind).toBe('invalid');
    expect(parseConsoleCommand(':date 2025-02-30').kind).toBe('invalid');
    expect(parseConsoleCommand(':quit')).toEqual({ kind: 'quit' });
  });

  it('dates are 09:00 Asia/Shanghai; the prompt shows group and speaker', () => {
    expect(shanghaiMorning('2025-12-31')?.toISOString()).toBe('2025-12-31T01:00:00.000Z');
    expect(promptFor({ room: '质量强市工作群', speaker: '张三', dm: false })).toBe('[质量强市工作群 / 张三] > ');
    expect(promptFor({ room: '质量强市工作群', speaker: '张三', dm: true })).toBe('[私聊 / 张三] > ');
  });
});
