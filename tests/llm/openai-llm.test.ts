import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { countTokens } from '../../src/llm/count-tokens.ts';
import { createOpenAiLlm, type OpenAiLlmOptions } from '../../src/llm/openai-llm.ts';
import { apiError, completion, startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.ts';
import { DRAFT, INJECTION, QUESTION, RECORDS } from './sample-records.ts';

let server: FakeOpenAi;
let logs: string[];

// Load the tokenizer once up front: its ~0.5 s of synchronous start-up would otherwise land in
// whichever test first makes a call without server-reported usage.
beforeAll(() => countTokens('预热'));
beforeEach(async () => {
  server = await startFakeOpenAi();
  logs = [];
});
afterEach(() => server.close());

const llmFor = (opts: Partial<OpenAiLlmOptions> = {}) =>
  createOpenAiLlm({ apiKey: 'test-key', baseURL: server.baseURL, model: 'fake-model', log: (l) => logs.push(l), ...opts });

const HINTS = { cities: ['厦门', '邢台'], departments: ['市质监局'] };
const GOOD_QUERY = { intent: 'owner', city: '厦门', department: null, refs: [], keywords: ['信息共享', '牵头'], rewritten: '厦门建立部门间联动机制由哪个部门牵头?' };
// A faithful rewording: the same lead and the same (whole) partner list, in other words.
const PHRASED = '厦门这项工作由市质监局牵头，厦门检验检疫局、市经发局、公安局、商务局、工商局、食品药品监管局、旅游局、人行厦门中心支行、厦门海关、厦门保监局参加〔厦门 分解表1.4.3〕';

describe('understand', () => {
  it('parses a good structured result sent as json_schema', async () => {
    server.respond(() => ({ json: completion(GOOD_QUERY, { promptTokens: 321 }) }));
    const llm = llmFor();
    await expect(llm.understand(QUESTION, HINTS)).resolves.toEqual(GOOD_QUERY);
    const [req] = server.requests;
    expect(req.body.model).toBe('fake-model');
    expect(req.response_format?.type).toBe('json_schema');
    expect(req.response_format?.json_schema?.name).toBe('query');
    expect(req.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(req.messages[1].content).toContain(QUESTION);
    expect(llm.stats()).toMatchObject({ calls: 1, failures: 0, open: false, promptTokens: 321 });
  });

  it('falls back to json_object when the server rejects json_schema, and stays there', async () => {
    server.respond((body) =>
      body.response_format?.type === 'json_schema'
        ? apiError(400, "Invalid parameter: 'response_format.type' json_schema is not supported by this model")
        : { json: completion(`\`\`\`json\n${JSON.stringify(GOOD_QUERY)}\n\`\`\``) },
    );
    const llm = llmFor();
    await expect(llm.understand(QUESTION, HINTS)).resolves.toEqual(GOOD_QUERY);
    await expect(llm.understand(QUESTION, HINTS)).resolves.toEqual(GOOD_QUERY);
    expect(server.requests.map((r) => r.response_format?.type)).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(llm.stats().failures).toBe(0);
  });

  it('drops a city, department or ref the question and hints do not support', async () => {
    server.respond(() => ({ json: completion({ ...GOOD_QUERY, city: '泉州', department: '市气象局', refs: ['9.9.9'] }) }));
    const q = await llmFor().understand(QUESTION, HINTS);
    expect(q).toMatchObject({ city: null, department: null, refs: [] });
  });

  it('returns null on malformed JSON content', async () => {
    server.respond(() => ({ json: completion('{"intent": "owner", "city": ') }));
    const llm = llmFor();
    await expect(llm.understand(QUESTION, HINTS)).resolves.toBeNull();
    expect(llm.stats().failures).toBe(1);
  });

  it('returns null on a schema mismatch', async () => {
    server.respond(() => ({ json: completion({ ...GOOD_QUERY, intent: 'weather' }) }));
    await expect(llmFor().understand(QUESTION, HINTS)).resolves.toBeNull();
    expect(logs.join('\n')).toMatch(/schema mismatch|intent/);
  });

  it('returns null when the HTTP body is not JSON at all', async () => {
    server.respond(() => ({ raw: '<html>bad gateway</html>' }));
    await expect(llmFor().understand(QUESTION, HINTS)).resolves.toBeNull();
  });
});

describe('phrase', () => {
  it('returns the phrased text when it is grounded', async () => {
    server.respond(() => ({ json: completion(`  ${PHRASED}\n`, { promptTokens: 700 }) }));
    const llm = llmFor();
    await expect(llm.phrase(QUESTION, RECORDS, DRAFT)).resolves.toBe(PHRASED);
    expect(server.requests[0].response_format).toBeUndefined();
    expect(llm.stats().promptTokens).toBe(700);
  });

  it('rejects a reply with an invented department (an injection that got through) without tripping the breaker', async () => {
    server.respond(() => ({ json: completion('市气象局负责〔厦门 分解表1.4.3〕') }));
    const llm = llmFor();
    await expect(llm.phrase(INJECTION, RECORDS, DRAFT)).resolves.toBeNull();
    expect(llm.stats()).toMatchObject({ failures: 0, rejected: 1 });
    expect(logs.join('\n')).toContain('市气象局');
    const [system, user] = server.requests[0].messages;
    expect(system.content).not.toContain(INJECTION);
    expect(user.content.indexOf(INJECTION)).toBeGreaterThan(user.content.indexOf('<问题>'));
  });

  it('rejects a reply whose partner list is not the record’s, or that swaps the roles', async () => {
    const llm = llmFor();
    server.respond(() => ({ json: completion('厦门这项工作由市质监局牵头，厦门检验检疫局、市经发局、商务局等单位参加〔厦门 分解表1.4.3〕') }));
    await expect(llm.phrase(QUESTION, RECORDS, DRAFT)).resolves.toBeNull();
    server.respond(() => ({ json: completion('厦门这项工作由厦门检验检疫局牵头，市质监局参加〔厦门 分解表1.4.3〕') }));
    await expect(llm.phrase(QUESTION, RECORDS, DRAFT)).resolves.toBeNull();
    expect(llm.stats()).toMatchObject({ failures: 0, rejected: 2 });
    expect(logs.join('\n')).toContain('角色');
  });

  it('rejects a reply that drops the citation marker', async () => {
    server.respond(() => ({ json: completion('由市质监局牵头。') }));
    await expect(llmFor().phrase(QUESTION, RECORDS, DRAFT)).resolves.toBeNull();
  });

  it('returns null on empty content', async () => {
    server.respond(() => ({ json: completion('   ') }));
    await expect(llmFor().phrase(QUESTION, RECORDS, DRAFT)).resolves.toBeNull();
  });

  it('returns null on HTTP 500, after the one retry', async () => {
    server.respond(() => apiError(500, 'upstream exploded'));
    const llm = llmFor();
    await expect(llm.phrase(QUESTION, RECORDS, DRAFT)).resolves.toBeNull();
    expect(server.requests).toHaveLength(2);
    expect(llm.stats()).toMatchObject({ calls: 1, failures: 1, open: false });
    expect(logs.join('\n')).toContain('HTTP 500');
  });

  it('returns null quickly on a timeout', async () => {
    server.respond(() => ({ hang: true }));
    const llm = llmFor({ timeoutMs: 100, maxRetries: 0 });
    const started = Date.now();
    await expect(llm.phrase(QUESTION, RECORDS, DRAFT)).resolves.toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(logs.join('\n')).toContain('timeout');
  });

  it('sends requests through an injected fetch', async () => {
    server.respond(() => ({ json: completion(PHRASED) }));
    const seen: string[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    await expect(llmFor({ fetch: spy }).phrase(QUESTION, RECORDS, DRAFT)).resolves.toBe(PHRASED);
    expect(seen).toEqual([`${server.baseURL}/chat/completions`]);
  });

  it('estimates prompt tokens when the server reports no usage', async () => {
    server.respond(() => ({ json: completion(PHRASED) }));
    const llm = llmFor();
    await llm.phrase(QUESTION, RECORDS, DRAFT);
    await vi.waitFor(() => expect(llm.stats().promptTokens).toBeGreaterThan(300));
  });
});

describe('circuit breaker', () => {
  it('opens after 3 failures, skips calls while open, and closes after the cool-down', async () => {
    let clock = 1_000_000;
    server.respond(() => apiError(503, 'overloaded'));
    const llm = llmFor({ maxRetries: 0, now: () => clock });
    for (let i = 0; i < 3; i++) await expect(llm.summarize('逾期1项')).resolves.toBeNull();
    expect(llm.stats()).toMatchObject({ calls: 3, failures: 3, open: true });

    await expect(llm.phrase(QUESTION, RECORDS, DRAFT)).resolves.toBeNull();
    await expect(llm.understand(QUESTION, HINTS)).resolves.toBeNull();
    expect(server.requests).toHaveLength(3);
    expect(llm.stats().skipped).toBe(2);

    clock += 59_999;
    await llm.phrase(QUESTION, RECORDS, DRAFT);
    expect(server.requests).toHaveLength(3);

    clock += 1;
    server.respond(() => ({ json: completion(PHRASED) }));
    await expect(llm.phrase(QUESTION, RECORDS, DRAFT)).resolves.toBe(PHRASED);
    expect(server.requests).toHaveLength(4);
    expect(llm.stats().open).toBe(false);
  });

  it('reopens at once when the trial call after the cool-down fails', async () => {
    let clock = 0;
    server.respond(() => apiError(500, 'down'));
    const llm = llmFor({ maxRetries: 0, now: () => clock, breaker: { failures: 2, coolDownMs: 1000 } });
    await llm.summarize('x');
    await llm.summarize('x');
    expect(llm.stats().open).toBe(true);
    clock += 1000;
    await llm.summarize('x');
    expect(server.requests).toHaveLength(3);
    expect(llm.stats().open).toBe(true);
  });
});

describe('readReport and summarize', () => {
  const candidates = RECORDS.map((r) => ({ label: r.label.split(' ')[1], text: r.text.slice(6, 46) }));
  const reading = { ref: '1.4.2', state: '推进中', percent: 60, summary: '企业质量信用档案已录入60%', confidence: 0.9 };

  it('reads a report with structured output', async () => {
    server.respond(() => ({ json: completion(reading) }));
    await expect(llmFor().readReport('信用档案那项我们已经录入60%了', candidates)).resolves.toEqual(reading);
    expect(server.requests[0].response_format?.json_schema?.name).toBe('report_reading');
  });

  it('rejects a reading with a percent the report does not state, or an unknown item', async () => {
    server.respond(() => ({ json: completion({ ...reading, percent: 80, summary: '信用档案已录入' }) }));
    await expect(llmFor().readReport('信用档案那项我们已经录入一大半了', candidates)).resolves.toBeNull();
    server.respond(() => ({ json: completion({ ...reading, ref: '7.7.7' }) }));
    await expect(llmFor().readReport('信用档案那项我们已经录入60%了', candidates)).resolves.toBeNull();
  });

  it('summarises a digest, and rejects a summary with invented numbers', async () => {
    const digest = '逾期2项: 1.4.3 部门信息共享(市质监局, 2014年6月); 1.4.1 质量诚信政策(市质监局, 2013年12月)';
    server.respond(() => ({ json: completion('逾期2项：1.4.3部门信息共享（市质监局，2014年6月）、1.4.1质量诚信政策（市质监局，2013年12月）。') }));
    await expect(llmFor().summarize(digest)).resolves.toContain('逾期2项');
    server.respond(() => ({ json: completion('逾期3项，市质监局牵头。') }));
    await expect(llmFor().summarize(digest)).resolves.toBeNull();
  });
});
