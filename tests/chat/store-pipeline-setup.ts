import { join } from 'node:path';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { Bindings } from '../../src/chat/bindings.ts';
import type { IncomingMessage } from '../../src/chat/message.ts';
import { createPipeline, type MessageHandler } from '../../src/chat/pipeline.ts';
import { loadConfig } from '../../src/config.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { ProgressStore } from '../../src/status/progress.ts';
import type { Store } from '../../src/store/store.ts';
import { DEMO_DIR, PROJECT_ROOT } from '../helpers/seeds.ts';

/**
 * A chat pipeline over a given store (bindings and progress), on the demo plan, for the store tests in
 * tests/chat: messages from groups and direct messages, replies collected per message id.
 */

export const T0 = Date.parse('2026-11-23T01:00:00Z');
/** The coordinator: configured by WeChat id (DUBAN_COORDINATORS), never by display name. */
export const COORDINATOR = { name: '王协调', id: 'wxid_coord_wang' };
const base = loadConfig({ DUBAN_COORDINATORS: COORDINATOR.id });
/** Rate limits out of the way: these tests send many messages at once on purpose. */
export const config = { ...base, limits: { ...base.limits, perUserPerMinute: 1000, perRoomPerMinute: 1000 } };

export async function demoEngine(): Promise<AnswerEngine> {
  const r = await ingestPlans([DEMO_DIR], { cache: null });
  return new AnswerEngine(buildKnowledgeBase(r.plans, loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml'))));
}

export interface Chat {
  handle: MessageHandler;
  /** Sends one message and resolves with the bot's replies to it. */
  say(msg: IncomingMessage): Promise<string[]>;
  log: string[];
}

export function chatOn(store: Store, engine: AnswerEngine): Chat {
  const log: string[] = [];
  const handle = createPipeline({
    engine,
    bindings: new Bindings(store),
    progress: new ProgressStore(store),
    config,
    clock: () => new Date('2026-11-23T09:00:00+08:00'),
    now: () => T0,
    startedAt: T0,
    log: (line) => void log.push(line),
  });
  const say = async (msg: IncomingMessage) => {
    const replies: string[] = [];
    await handle(msg, { reply: async (_m, text) => void replies.push(text) });
    return replies;
  };
  return { handle, say, log };
}

let seq = 0;
type Sender = string | { name: string; id: string };
/** A sender by display name (with an id of its own) or by name and WeChat id. */
const sender = (from: Sender) => (typeof from === 'string' ? { id: `id-${from}`, name: from } : from);

export function inGroup(roomId: string, text: string, from: Sender = '张三', mentioned = false): IncomingMessage {
  return { id: `m${++seq}`, text, room: { id: roomId, topic: `群${roomId}` }, from: sender(from), mentionedBot: mentioned, self: false, at: T0 };
}

export function direct(text: string, from: Sender = COORDINATOR): IncomingMessage {
  return { id: `m${++seq}`, text, from: sender(from), mentionedBot: false, self: false, at: T0 };
}
