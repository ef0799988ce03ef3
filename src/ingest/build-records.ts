import type { CampaignDate, Duty, Passage, Phase, PlanRecords, Report, Source, Target, Task } from '../kb/records.ts';
import { extractCampaignDates } from './extract-campaign-dates.ts';
import { extractDuties } from './extract-duties.ts';
import { extractOwners, findDelegatedOwners, findLabelledOwners, findParentheticalOwners, findClauseOwners, labelledSegments, findSubjectOwners, subjectSegments, unitDuty, FIRST_IS_LEAD, ownerSegments, parseOwnerList, TIME_LABEL, withoutOtherFields, DEPT_END, splitDepartments, findAddressedOwners, findOpeningSubject, findAssistOwners, unitDutySegments, lineOwnerSegments, type Owners } from './extract-owners.ts';
import { extractPhases } from './extract-phases.ts';
import type { PlanMeta } from './extract-plan-meta.ts';
import { extractReports } from './extract-reports.ts';
import { extractTargets } from './extract-targets.ts';
import { parseDeadlineIn } from './parse-dates.ts';
import { sectionPath, walkOutline, type OutlineNode } from './parse-outline.ts';
import type { ParsedTable, TableTaskRow } from './parse-task-table.ts';
import type { IndicatorRow } from './parse-indicator-table.ts';
import { afterNames, isHanOrParen, wordAt, type NameList } from './name-runs.ts';

/** Outline and tables → the plan's records, each with its source. */

export interface TableInput {
  rows: string[][];
  line: number;
  name?: string;
}

export interface BuildInput {
  file: string;
  outline: OutlineNode;
  tables: Array<TableInput & { parsed: ParsedTable | null }>;
  meta: PlanMeta;
  /** Rows of indicator tables (专栏 主要指标): targets by themselves. */
  indicators?: IndicatorRow[];
  /** Lines a table pasted as text consumed: still text a question may be answered from. */
  tableLines?: Array<{ text: string; line: number }>;
}

type Records = Omit<PlanRecords, 'plan'>;

const QUOTE_MAX = 120;
const quoteOf = (s: string) => (s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX)}…` : s);

/** Chapters whose leaf items are tasks even when no owner is written. */
const TASK_CHAPTER = /任务|措施|重点|举措|工作内容|行动/;
const DEADLINE_LABEL = new RegExp(`${TIME_LABEL}\\s*[:：]\\s*([^;。\\n)）〕】\\]]+)`);

/** The line after a list that speaks to everyone again: the notice's closing requirements. */
const LIST_CLOSED = /^(各单位|各有关单位|各责任单位|各部门|各相关部门|各地|各乡镇|各县|请各|以上各)/;

/** "2022年区政府工作报告目标任务": a plan for one year; a title with a range ("2023-2027年") is not. */
function annualYearOf(title: string | null): number | null {
  const years = [...(title ?? '').matchAll(/((?:19|20)\d{2})\s*年/g)].map((m) => Number(m[1]));
  return years.length === 1 && !/[-—至~]\s*(?:19|20)\d{2}/.test(title ?? '') && /年度?(?!\s*[-—至])/.test(title ?? '') ? years[0] : null;
}

/** A task that says when it is due in its own words ("2019年9月底前,基本完成…"): the one such date. */
/** A plan's rule that the units before a list's comma lead: "逗号前为牵头单位". */
const COMMA_IS_LEAD = /逗号前(?:的)?(?:单位|部门)?(?:为|是)(?:牵头|主责)/;

/** A segment's task text; when the owner expression is the whole clause ("由X牵头,…完成Y"), the clause. */
function segmentText(seg: { text: string; owners: Owners }): string {
  const t = taskText(seg.text, seg.owners);
  return t.replace(/[。;；,，\s]/g, '').length >= 8 ? t : seg.text.trim();
}

/** Label-style owners (牵头单位:…) make one task of the item; bracketed annotations may make several. */
function findLabelledOwnersAbsent(text: string): boolean {
  return !/(牵头|责任|配合|协办)(单位|部门)\s*([:：】\]]|为(?=[\u4e00-\u9fff])(?!牵头|主责|准))/.test(text);
}

/** A horizon as a deadline: "到2025年" is due by the end of 2025. */
function byYearEnd(text: string): string {
  return text.replace(/^(?:到|至)\s*((?:19|20)\d{2})\s*年$/, '$1年底').replace(/^(?:到|至)\s*/, '');
}

/** The one deadline a task's text states ("2024年6月底前", or yearless "年底前" / "9月底前" in the plan's year). */
function deadlineInText(raw: string): string | null {
  // "于4月20日(星期五)前上报": the weekday beside a date is no part of it.
  const text = raw.replace(/(日)\s*[(（](?:星期|周|礼拜)[一二三四五六日天][)）]/g, '$1');
  const found = [...text.matchAll(/(?:(?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?|(?<![\d年])\d{1,2}\s*月\s*|(?<![\d每])年)(?:底|末)\s*(?:前|以前|之前)|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?\s*(?:前|以前|之前)|(?:19|20)\d{2}\s*年\s*(?:前|以前|之前)|(?<![\d年月])\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:前|以前|之前)|(?<![\d年月])\d{1,2}\s*月\s*\d{1,2}\s*日(?:上午|下午|晚上)?(?=\s*[,，]\s*在)/g)];
  const distinct = [...new Set(found.map((m) => m[0]))];
  if (distinct.length === 1) return distinct[0];
  if (distinct.length > 1) return null;
  // ("3月14日,开展…知识竞赛": an activity that opens with its day is due that day.)
  const opening = /^\s*((?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*[-—~至]\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?)(?:上午|下午|晚上)?\s*[,，:：]/.exec(text);
  if (opening) return opening[1];
  // "申报时间为2月16日-3月16日": when no deadline is written, the window the text names.
  const named = /(?:时间|时限|期限)(?:为|是|定为)\s*((?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[-—~～至到]\s*(?:(?:19|20)\d{2}\s*年)?\s*(?:\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?(?:底|前|底前)?)/.exec(text);
  if (named) return named[1].trim();
  // "…到2025年,完成元墩头村等18个项目建设": the one horizon a task sets is its deadline.
  const horizons = [...new Set([...text.matchAll(/(?:到|至)\s*(?:19|20)\d{2}\s*年(?:底|末)?(?!\s*\d{1,2}\s*月)/g)].map((m) => m[0]))];
  return horizons.length === 1 ? horizons[0] : null;
}

/** "决定于2009年1月8日至15日开展…": the first full date in the text, for ranges that name no year. */
function yearInText(root: OutlineNode): number | null {
  // (Else a month of a year: "专项整治行动自2007年8月下旬至年底,分三个阶段".)
  const text = allText(root);
  const y = /((?:19|20)\d{2})年\d{1,2}月\d{1,2}日/.exec(text) ?? /((?:19|20)\d{2})年\d{1,2}月/.exec(text);
  return y ? Number(y[1]) : null;
}

/** The plan's own year: of its date, else the year its title names ("2020年…工作计划"), else its 文号's. */
function planYearOf(meta: PlanMeta): number | null {
  if (meta.date) return Number(meta.date.slice(0, 4));
  const y = /((?:19|20)\d{2})\s*年(?!\s*[-—至])/.exec(meta.title ?? '') ?? /[〔\[(]((?:19|20)\d{2})[〕\])]/.exec(meta.docNo ?? '');
  return y ? Number(y[1]) : null;
}

export function buildRecords(input: BuildInput): { records: Records; warnings: string[] } {
  const b = new RecordBuilder(input.file, planYearOf(input.meta), annualYearOf(input.meta.title));
  const dutyNodes = new Set<OutlineNode>();
  for (const duty of extractDuties(input.outline)) {
    dutyNodes.add(duty.node);
    b.addDuty(duty.heading, duty.departments, duty.text, { ref: duty.label, path: duty.path, line: duty.line });
  }
  // Text before the first heading (a covering notice, a plan without headings) is content too: a plan
  // must never vanish because it has no outline.
  b.addPreamble(input.outline);
  // An item whose sub-items are its fields ("(一)开展警示教育周活动 / 1.活动时间:… / 2.活动内容:… /
  // 3.组织单位:…") is one task; its fields are read as its text, not as tasks of their own.
  const fields = new Set<OutlineNode>();
  for (const node of walkOutline(input.outline)) {
    if (dutyNodes.has(node) || fields.has(node) || !isFieldGroup(node)) continue;
    node.children.forEach((ch) => fields.add(ch));
    b.addFieldGroup(node);
  }
  for (const node of walkOutline(input.outline)) b.addNode(node, dutyNodes.has(node) || fields.has(node));
  for (const l of input.tableLines ?? []) b.passages.push({ file: input.file, ref: null, path: [], line: l.line, quote: quoteOf(l.text), text: l.text });
  input.tables.forEach((t) => t.parsed && b.addTable(t, t.parsed));
  // The rule may be a note in the text or in a table's header ("责任单位(第一为牵头单位)").
  const headers = input.tables.map((t) => (t.parsed ? t.rows.slice(0, 3).flat().join(' ') : '')).join(' ');
  const text = allText(input.outline);
  if (FIRST_IS_LEAD.test(text) || FIRST_IS_LEAD.test(headers)) b.firstListedLeads();
  if (COMMA_IS_LEAD.test(text)) b.commaListedLeads();
  for (const row of input.indicators ?? []) b.addIndicator(row);
  for (const phase of extractPhases(input.outline, planYearOf(input.meta) ?? yearInText(input.outline))) b.addPhase(phase);
  return { records: b.records(), warnings: b.warnings };
}

class RecordBuilder {
  tasks: Task[] = [];
  targets: Target[] = [];
  duties: Duty[] = [];
  phases: Phase[] = [];
  reports: Report[] = [];
  campaignDates: CampaignDate[] = [];
  passages: Passage[] = [];
  departments = new Set<string>();
  /** Tasks whose owners are a list (a table's cells, a label's value, a bracket), not a sentence's subject. */
  private listed = new Set<string>();
  /** Each task's owner expression as written, for a plan-wide rule on how its lists mark the lead. */
  private ownerQuotes = new Map<string, string>();
  warnings: string[] = [];
  private seq = 0;

  constructor(
    private readonly file: string,
    /** The year a yearless deadline ("6月底前") belongs to. */
    private readonly year: number | null = null,
    /** An annual plan's year (its title names one year): the year of targets that state none. */
    private readonly annualYear: number | null = null,
  ) {}

  private id(prefix: string): string {
    return `${this.file}#${prefix}${++this.seq}`;
  }

  private source(ref: string | null, path: string[], line: number, quote: string): Source {
    return { file: this.file, ref, path, line, quote: quoteOf(quote) };
  }

  addDuty(heading: string, departments: string[], text: string, at: { ref: string; path: string[]; line: number }) {
    // ("二、曹惠明常务副县长牵头重点工作": a leader heads the items — the task keeps the leader as a person,
    // not as an owning body; see addTask.)
    const source = this.source(at.ref, at.path, at.line, text);
    departments.filter((d) => !isPersonTitle(d)).forEach((d) => this.departments.add(d));
    this.duties.push({ id: this.id('d'), file: this.file, heading, departments, text, source });
    const owners: Owners = { lead: [], units: departments, partners: [], quote: heading };
    this.addTask(text, owners, null, 'duty', source, null, []);
    this.addReports(text, departments, source);
  }

  addPreamble(root: OutlineNode): void {
    if (!root.text) return;
    root.text.split('\n').forEach((p, i) => this.passages.push({ ...this.source(null, [], root.line + i + 1, p), text: p }));
    const source = this.source(null, [], 1, root.text);
    this.addCampaignDates(root.text, source);
    // Lines that hand a body its duty ("市委宣传部:把爱国卫生工作…").
    const dutyLines = root.text.split('\n').map((p, i) => ({ p, i, d: unitDuty(p) })).filter((x) => x.d);
    if (dutyLines.length >= 2) {
      for (const { p, i, d } of dutyLines) this.addBodyDuty(d!, this.source(null, [], root.line + i + 1, p));
    }
    root.text.split('\n').forEach((p, i) => {
      for (const d of unitDutySegments(p) ?? []) this.addBodyDuty(d, this.source(null, [], root.line + i + 1, d.duty));
    });
    // A text without headings may still hand out tasks ("由X牵头…;由Y牵头…", "A(X负责)。B(Y负责)。").
    const segments = (findLabelledOwnersAbsent(root.text) ? ownerSegments(root.text) : labelledSegments(root.text)) ?? subjectSegments(root.text);
    for (const seg of segments ?? []) {
      this.addTask(segmentText(seg), seg.owners, seg.owners.deadlineText ?? deadlineInText(seg.text), 'body', { ...source, quote: quoteOf(seg.text) }, null, []);
    }
    // A covering notice's own assignments: "县政府督查室将…开展专项督查", "…县交通局负责,各乡镇配合…".
    if (!segments) {
      for (const sentence of root.text.split(/(?<=[。])|\n/)) {
        const owners = findAssistOwners(sentence) ?? findClauseOwners(sentence) ?? findSubjectOwners(sentence);
        if (owners) this.addTask(sentence.trim(), owners, deadlineInText(sentence), 'body', { ...source, quote: quoteOf(sentence) }, null, []);
      }
    }
    this.addTargets(root.text, null, null, source);
    this.addReports(root.text, [], source);
  }

  addNode(node: OutlineNode, isDuty: boolean): void {
    // "七、X协同Y负责…。" then "各单位接到通知后,要…": the list has ended with its last item; what follows
    // is the notice's own text, not part of item 七.
    const lines = node.text.split('\n');
    const last = node.parent?.children.at(-1) === node && node.children.length === 0;
    const end = last && lines.length > 1 ? lines.findIndex((l, i) => i > 0 && LIST_CLOSED.test(l.trim())) : -1;
    if (end > 0 && !isDuty && extractOwners(lines.slice(0, end).join('\n'))) {
      this.addNode({ ...node, text: lines.slice(0, end).join('\n') }, isDuty);
      const tail = lines.slice(end).join('\n');
      this.addPreamble({ ...node, kind: 'root', label: '', title: '', text: tail, line: node.line + end - 1, children: [] });
      // "各单位接到通知后,…2011年12月30日前将…报送…": what every addressee must do, and by when.
      const everyone = /^(各(?:有关|责任|相关)?(?:单位|部门|乡镇|街道|县区|县\(市、区\)))/.exec(tail.trim())?.[1];
      const due = deadlineInText(tail);
      if (everyone && due) {
        const owners: Owners = { lead: [everyone], units: [everyone], partners: [], quote: everyone };
        this.addTask(tail.trim(), owners, due, 'body', this.source(null, [], node.line + end, tail), null, []);
      }
      return;
    }
    const path = sectionPath(node);
    node.text.split('\n').forEach((p, i) =>
      this.passages.push({ ...this.source(node.label, path, node.line + i, p), text: p }),
    );
    this.addCampaignDates(node.text, this.source(node.label, path, node.line, node.text));
    if (isDuty) return;
    // "县环保局。负责…。县交通局、公路局。负责…": each body's duty in turn.
    const duties = unitDutySegments(node.text);
    if (duties) {
      const source = this.source(node.label, path, node.line, node.text);
      for (const d of duties) this.addBodyDuty(d, { ...source, quote: quoteOf(d.duty) }, chapterOf(node));
      this.addTargets(node.text, contextYear(node) ?? this.annualYear, null, source);
      this.addReports(node.text, [], source);
      return;
    }
    // "14.市卫生局:负责医院周边环境秩序…": the item is the body's duty.
    const duty = unitDuty(node.text);
    if (duty) {
      const source = this.source(node.label, path, node.line, node.text);
      this.addBodyDuty(duty, source, chapterOf(node));
      this.addTargets(node.text, contextYear(node) ?? this.annualYear, null, source);
      this.addReports(node.text, duty.units, source);
      return;
    }
    const unlabelled = findLabelledOwnersAbsent(node.text);
    const segments = (unlabelled ? ownerSegments(node.text) ?? lineOwnerSegments(node.text) : labelledSegments(node.text)) ?? (statedOwners(node.text) ? null : subjectSegments(node.text));
    if (segments) {
      // Several tasks in one item, each with its own owners.
      const source = this.source(node.label, path, node.line, node.text);
      for (const seg of segments) {
        const deadlineText = seg.owners.deadlineText ?? deadlineInText(seg.text);
        this.addTask(segmentText(seg), seg.owners, deadlineText, 'body', { ...source, quote: quoteOf(seg.text) }, chapterOf(node), []);
      }
      this.addTargets(node.text, contextYear(node) ?? this.annualYear, null, source);
      this.addReports(node.text, segments.flatMap((s) => s.owners.units), source);
      return;
    }
    const stated = extractOwners(node.text);
    // "(二)省审计厅牵头的工作 / 全面加强审计工作。协同单位:省直各部门…": the heading's lead, the item's partners.
    const partnersOnly = !!stated && stated.lead.length === 0 && stated.partners.length > 0 && stated.partners.length === stated.units.length;
    const headed = !stated || partnersOnly ? headingOwners(node) : null;
    const owners = (partnersOnly && headed?.units.length ? { ...stated, lead: headed.lead.length ? headed.lead : headed.units, units: unique([...headed.units, ...stated.units]) } : stated) ?? headed ?? findAddressedOwners(node.text) ?? findOpeningSubject(node.text) ?? stepOwners(node.text);
    const source = this.source(node.label, path, node.line, node.text);
    const deadlineText = DEADLINE_LABEL.exec(node.text)?.[1]?.trim() ?? owners?.deadlineText ?? (owners ? titlePeriod(node.title) ?? deadlineInText(node.text) : null);
    let taskId: string | null = null;
    if (owners || (isTaskLeaf(node) && deadlineText)) {
      taskId = this.addTask(taskText(node.text, owners), owners, deadlineText, 'body', source, chapterOf(node), []);
    } else if (isTaskLeaf(node)) {
      taskId = this.addTask(taskText(node.text, null), null, null, 'body', source, chapterOf(node), []);
    }
    this.addTargets(node.text, contextYear(node) ?? this.annualYear, taskId, source);
    this.addReports(node.text, owners?.units ?? [], source);
  }

  /** An item with its fields as sub-items: one task, its owners and time from the fields. */
  addFieldGroup(node: OutlineNode): void {
    const text = [node.text, ...node.children.map((ch) => ch.text)].join('\n');
    const owners = findLabelledOwners(text);
    if (!owners?.units.length) return;
    const source = this.source(node.label, sectionPath(node), node.line, text);
    this.addTask(taskText(node.text, null), owners, owners.deadlineText ?? null, 'body', source, chapterOf(node), []);
  }

  /** A body's duty stated after its name ("市卫生局:负责…"): one task of that body (none marked lead). */
  addBodyDuty(d: { units: string[]; duty: string }, source: Source, category: string | null = null): void {
    const owners: Owners = { lead: [], units: d.units, partners: [], quote: d.units.join('、') };
    this.addTask(d.duty, owners, deadlineInText(d.duty), 'body', { ...source, quote: quoteOf(`${d.units.join('、')}:${d.duty}`) }, category, []);
  }

  addTask(
    text: string,
    owners: Owners | null,
    deadlineText: string | null,
    origin: Task['origin'],
    source: Source,
    category: string | null,
    inherited: Task['inherited'],
  ): string {
    const id = this.id('t');
    // (A person with a post — "王丹县长" — leads the work but is no owning body.)
    let leaders = leadersIn(text);
    if (owners && [...owners.units, ...owners.lead].some(isPersonTitle)) {
      const keep = (names: string[]) => names.filter((n) => !isPersonTitle(n));
      leaders = { label: '牵头领导', names: unique([...owners.lead, ...owners.units].filter(isPersonTitle)) };
      owners = { ...owners, lead: keep(owners.lead), units: keep(owners.units), partners: keep(owners.partners) };
    }
    if (origin === 'table' || /^\s*[(（〔【\[]|[:：]/.test(owners?.quote ?? '')) this.listed.add(id);
    if (owners?.quote) this.ownerQuotes.set(id, owners.quote);
    [...(owners?.units ?? []), ...(owners?.partners ?? [])].forEach((d) => this.departments.add(d));
    this.tasks.push({
      id,
      file: this.file,
      ref: source.ref,
      text,
      lead: owners?.lead ?? [],
      units: unique([...(owners?.units ?? [])]),
      partners: owners?.partners ?? [],
      deadline: deadlineText ? parseDeadlineIn(byYearEnd(deadlineText), this.year) : null,
      deadlineText,
      origin,
      category,
      inherited,
      ...(leaders ? { leaders } : {}),
      source,
    });
    return id;
  }

  addTable(table: TableInput, parsed: ParsedTable): void {
    parsed.warnings.forEach((w) => this.warnings.push(`任务分解表${table.name ? `「${table.name}」` : ''}${w}`));
    for (const row of parsed.rows) this.addTableRow(table, row);
  }

  private addTableRow(table: TableInput, row: TableTaskRow): void {
    const path = [row.category, row.project].filter((x): x is string => !!x);
    const source = this.source(row.ref, ['附件 任务分解表', ...path], table.line, row.text);
    const owners = row.owners;
    // A table with no deadline cell for the row: the one deadline its task text states ("2016年8月前建立…").
    const deadlineText = row.deadlineText ?? deadlineInText(row.text);
    const taskId = this.addTask(row.text, owners, deadlineText, 'table', source, row.category, row.inherited);
    const t = this.tasks[this.tasks.length - 1];
    if (row.progress) t.progress = row.progress;
    if (row.leaders) t.leaders = row.leaders;
    t.deadline = row.deadline ?? (row.deadlineText ? parseDeadlineIn(row.deadlineText, this.year) : t.deadline);
    const year = row.deadline ? Number(row.deadline.slice(0, 4)) : null;
    this.addTargets(row.text, year ?? this.annualYear, taskId, source);
    // An indicator row: its figure in the 年度目标 column, in the unit of its 单位 column.
    const figure = row.goal ? /^[≥≤>＜<]?\s*(\d+(?:\.\d+)?)/.exec(row.goal) : null;
    if (row.goals) {
      // A figure for each year: "累计…主体(个) | 2021年 启动 | 2022年 2 | 2023年 5".
      for (const g of row.goals) {
        const m = /^[≥≤>＜<]?\s*(\d+(?:\.\d+)?)\s*(%|[\u4e00-\u9fff]{0,3})?$/.exec(g.text.replace(/\s+/g, ''));
        if (!m) continue;
        const unit = m[2] || row.measure || /\(([\u4e00-\u9fff]{1,3})\)\s*$/.exec(row.text)?.[1] || null;
        const valueText = `${g.text.replace(/\s+/g, '')}${unit && !g.text.includes(unit) ? unit : ''}`;
        this.targets.push({ id: this.id('g'), file: this.file, metric: row.text, comparator: null, value: Number(m[1]), valueText, unit, qualifier: null, year: g.year, taskId, source: { ...source, quote: quoteOf(`${row.text} ${g.year}年 ${valueText}`) } });
      }
    } else if (figure) {
      const valueText = `${row.goal}${row.measure && !row.goal!.includes(row.measure) ? row.measure : ''}`;
      const qualifier = /^[≥>]|以上$/.test(row.goal!) ? '以上' : /^[≤<]|以内$|以下$/.test(row.goal!) ? '以内' : null;
      this.targets.push({ id: this.id('g'), file: this.file, metric: row.text, comparator: null, value: Number(figure[1]), valueText, unit: row.measure ?? null, qualifier, year: year ?? this.annualYear ?? this.year, taskId, source: { ...source, quote: quoteOf(`${row.text} ${valueText}`) } });
    } else if (row.goal) {
      // "地区生产总值 | 增长5.5%(市下达指标)": the goal in words reads as a sentence with its row's name.
      this.addTargets(`${row.text}${row.goal}`, year ?? this.annualYear, taskId, source);
    }
    this.addReports(row.text, owners?.units ?? [], source);
  }

  addPhase(p: ReturnType<typeof extractPhases>[number]): void {
    const source = this.source(p.label, p.path, p.line, `${p.name}(${p.when})`);
    this.phases.push({ id: this.id('p'), file: this.file, name: p.name, start: p.start, end: p.end, when: p.when, description: p.description, source });
  }

  private addTargets(text: string, year: number | null, taskId: string | null, at: Source): void {
    for (const t of extractTargets(text, year)) {
      this.targets.push({ id: this.id('g'), file: this.file, ...withoutQuote(t), taskId, source: { ...at, quote: quoteOf(t.quote) } });
    }
  }

  private addReports(text: string, departments: string[], at: Source): void {
    for (const r of extractReports(text)) {
      const { quote, ...rest } = r;
      this.reports.push({ id: this.id('r'), file: this.file, ...rest, departments, source: { ...at, quote: quoteOf(quote) } });
    }
  }

  private addCampaignDates(text: string, at: Source): void {
    for (const c of extractCampaignDates(text)) {
      if (this.campaignDates.some((x) => x.name === c.name)) continue;
      this.campaignDates.push({ id: this.id('c'), file: this.file, name: c.name, date: c.date, asWritten: c.asWritten, source: { ...at, quote: c.quote } });
    }
  }

  addIndicator(row: IndicatorRow): void {
    const { line, quote, ...target } = row;
    const source = this.source(null, ['主要指标'], line, quote);
    this.targets.push({ id: this.id('g'), file: this.file, ...target, comparator: null, taskId: null, source });
  }

  /**
   * "(责任单位:市发展改革委、市商务局,各区县政府。逗号前为牵头单位,下同)": a plan that marks its leads by the
   * comma — the units listed before a list's first comma lead, those after it take part.
   */
  commaListedLeads(): void {
    for (const t of this.tasks) {
      const quote = this.ownerQuotes.get(t.id);
      if (t.lead.length || !quote) continue;
      const list = quote.replace(/^[(（〔【\[]|[)）〕】\]]$/g, '').replace(/^[^:：]{2,8}[:：]/, '');
      const comma = list.search(/[,，]/);
      if (comma <= 0) continue;
      const before = splitDepartments(list.slice(0, comma));
      if (before.length && before.every((u) => t.units.includes(u)) && before.length < t.units.length) t.lead = before;
    }
  }

  /** The plan says the first unit of each list leads. */
  firstListedLeads(): void {
    // (A task of one listed unit too — "责任单位:区财政局" under "列第一位者为牵头单位": the one unit listed is
    // listed first; a sentence whose subject is a body lists nothing.)
    for (const t of this.tasks) if (t.origin !== 'duty' && t.lead.length === 0 && (t.units.length > 1 || (t.units.length === 1 && this.listed.has(t.id)))) t.lead = [t.units[0]];
  }

  records(): Records {
    return {
      tasks: this.tasks,
      targets: this.targets,
      duties: this.duties,
      phases: this.phases,
      reports: this.reports,
      campaignDates: this.campaignDates,
      departments: [...this.departments],
      passages: labelPipeRows(this.passages),
    };
  }
}

/**
 * A step named first and then handed out: "(一)自我评价。11月3日前,区直各相关部门根据…完成…", "二、开展自我评价。
 * 根据《评分细则》,各县区政府组织…" — after the step's short name, a time or a 根据 clause, the bodies the
 * sentence opens with (a class of bodies, 各县区政府, too) own it.
 */
function stepOwners(text: string): Owners | null {
  const m = /^([^。;；,，]{2,12})[。:：]\s*(?:((?:每年)?(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:底|中旬|上旬|下旬)?(?:前|之前|以前)?)[,，]\s*)?(?:(?:根据|按照|依据)[^,，。;；]{2,40}[,，]\s*)?(.*)$/s.exec(text.trim());
  if (!m || !m[3]) return null;
  const subject = stepSubject(m[3]);
  if (!subject) return null;
  const units = splitDepartments(subject[1]);
  // ("充分发挥责任单位在…主体作用": a sentence that opens with a verb has no body for its subject.)
  if (units.some((u) => OPENING_VERB.test(u))) return null;
  // (The day the step is due by, "11月3日前", opens its sentence; 每年 is no one deadline.)
  const due = m[2] && /前$/.test(m[2]) && !m[2].startsWith('每年') ? m[2] : null;
  return units.length ? { lead: [], units, partners: [], quote: subject[1], deadlineText: due } : null;
}

/** A verb a sentence may open with before a body it speaks of: 充分发挥, 督促, 支持 … */
const OPENING_VERB = /^(充分发挥|发挥|督促|推动|压实|强化|明确|确保|切实|积极|加强|进一步|指导|支持|鼓励|引导)/;

/**
 * The bodies a step's sentence opens with, before what they do: `^((?:[\u4e00-\u9fff()（）]{1,20}?(?:部门|单位|…|中心)[、和及]?){1,4}?)(?:根据|…|做好)`
 * (read by name-runs.ts) — the match and the bodies.
 */
const STEP_BODIES: NameList = {
  char: isHanOrParen,
  least: 1,
  most: 20,
  ends: ['部门', '单位', '人民政府', '政府', '办公室', '领导小组', '委员会', '分局', '局', '委', '办', '厅', '中心'],
  sep: '、和及',
  min: 1,
  max: 4,
  lazy: true,
};
const STEP_VERBS = ['根据', '按照', '依据', '组织', '对', '在', '于', '要', '将', '须', '应', '负责', '完成', '开展', '进行', '制定', '提交', '报送', '做好'];
const stepSubject = (text: string): [string, string] | null =>
  afterNames(text, 0, STEP_BODIES, (q) => {
    const verb = wordAt(text, q, STEP_VERBS);
    return verb ? [text.slice(0, q + verb.length), text.slice(0, q)] : null;
  });

/** A header cell: a short label without figures ("抽查比例", "计划开展时间", "责任单位"). */
const HEADER_CELL = /^[\u4e00-\u9fff()（）/、]{2,12}$/;

/**
 * Rows of a table pasted as "a | b | c" under its header row: each row's text names its cells by the
 * header ("抽查比例:10%"), so that a question for a column ("保健食品抽查比例多少") finds the row and
 * the figure. The cells are kept as written; only the labels are added. One plan's passages, read in
 * line order.
 */
function labelPipeRows(passages: Passage[]): Passage[] {
  const cells = (t: string) => t.split('|').map((x) => x.trim());
  let header: string[] | null = null;
  const labelled = new Map<Passage, string>();
  for (const p of [...passages].sort((a, b) => a.line - b.line)) {
    if (!p.text.includes('|')) continue;
    const row = cells(p.text);
    const filled = row.filter(Boolean);
    if (filled.length >= 3 && filled.every((x) => HEADER_CELL.test(x)) && filled.some((x) => /序号|名称|内容|时间|单位|比例|数量|部门|股室|科室|频次|时限|项目|产品|指标/.test(x))) {
      header = row;
      continue;
    }
    if (!header || filled.length < 3) continue;
    // (Only cells under a header, and only a row as wide as the header give or take one.)
    if (Math.abs(row.filter((x, i) => x || i < header!.length).length - header.length) > 1) continue;
    const text = row.map((v, i) => (v && header![i] && header![i] !== v && !/^序号$/.test(header![i]) ? `${header![i]}:${v}` : v)).filter(Boolean).join(' | ');
    labelled.set(p, text);
  }
  return labelled.size ? passages.map((p) => (labelled.has(p) ? { ...p, text: labelled.get(p)! } : p)) : passages;
}

function allText(root: OutlineNode): string {
  let out = root.text;
  for (const n of walkOutline(root)) out += `\n${n.text}`;
  return out;
}

function withoutQuote<T extends { quote: string }>(t: T): Omit<T, 'quote'> {
  const { quote: _q, ...rest } = t;
  return rest;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/**
 * A heading that hands its items to a unit: "一、县示范区管委会牵头工作(8项)", "(二)由市发改委负责的任务" —
 * the items under it that name no owner of their own are that unit's.
 */
const HEADING_OWNER = /^(?:由)?([\u4e00-\u9fff、()]{2,40}?)(牵头|负责|承办)(?:的|推进的|落实的)?(?:重点)?(?:工作|任务|事项|项目)(?:\s*[(（]?\s*(?:共)?\s*\d+\s*项\s*[)）]?)?$/;

/** A heading naming a body's duties: "2.市指挥部办公室职责", "(三)县教育局主要职责". */
const HEADING_DUTY = /^([\u4e00-\u9fff、()]{2,30}?)(?:的)?(?:主要|工作|具体)?(?:职责|职能)(?:任务)?$/;

/** A heading that is one body's name: "三、儋州市政府", "(二)市发改委". */
const HEADING_BODY = /^[\u4e00-\u9fff()（）]{2,24}(?:人民政府|政府|管委会|管理委员会|局|委|办|厅|办公室)$/;
const isBodyName = (name: string) => DEPT_END.test(name) && !/(工作|任务|职责|目标|措施|要求|机制|体系|建设|管理)/.test(name);

function headingOwners(node: OutlineNode): Owners | null {
  if (node.children.length > 0) return null;
  // (An item may be its own such heading: "(一)省监察厅牵头的工作" over the work's text.)
  for (let n: OutlineNode | undefined = node.text.trim() ? node : node.parent; n && n.kind !== 'root'; n = n.parent) {
    const title = n.title.replace(/[。:：\s]+$/, '');
    const duty = HEADING_DUTY.exec(title);
    if (duty) {
      const units = splitDepartments(duty[1]);
      if (units.length && units.every((u) => DEPT_END.test(u))) return { lead: [], units, partners: [], quote: n.title };
    }
    // "六、万宁市政府" over its projects: a heading that is a body's name alone owns the items under it.
    if (n !== node && HEADING_BODY.test(title)) {
      const units = splitDepartments(title);
      if (units.length === 1 && isBodyName(units[0])) return { lead: [], units, partners: [], quote: n.title };
    }
    const m = HEADING_OWNER.exec(title);
    if (!m) continue;
    const owners = parseOwnerList(`${m[1]}${m[2]}`);
    if (owners && owners.units.length) return { ...owners, quote: n.title };
  }
  return null;
}

/** A leaf item in a task chapter (三、主要任务 → (一)…) with enough text to be a task. */
function isTaskLeaf(node: OutlineNode): boolean {
  if (node.children.length > 0 || node.text.length < 12) return false;
  return sectionPath(node).slice(0, -1).some((t) => TASK_CHAPTER.test(t));
}

function chapterOf(node: OutlineNode): string | null {
  let n = node;
  while (n.parent && n.parent.kind !== 'root') n = n.parent;
  return n === node ? null : `${n.label}${n.kind === 'cn' ? '、' : ''}${n.title}`;
}

/** The task text without its owner expression and label lines. */
function taskText(text: string, owners: Owners | null): string {
  // Without its owner expression, and without the brackets that held it ("…增长11%。[]").
  let t = withoutOtherFields(text);
  t = owners ? t.replace(owners.quote, '').replace(/[([【（]\s*[)\]】）]/g, '') : t;
  t = t.replace(/\n?((?:(?:牵头|主要|协同|配合|参加|参与|协办|协助)(?:责任)?|责任)(?:单位|部门)|完成时限|完成时间)\s*[:][^\n]*/g, '').replace(/[([【（]\s*$/, '');
  return t.replace(/\s*\n\s*/g, ' ').replace(/。{2,}/g, '。').replace(/[,;]\s*$/, '').replace(/^[,，;；、\s]+/, '').trim();
}

/** A period in an item's heading: "宣传发动阶段(1月8日-9日)" → "1月8日-9日". */
function titlePeriod(title: string): string | null {
  return /[(（]\s*((?:\d{4}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[-—~～至到]\s*(?:\d{4}\s*年)?\s*(?:\d{1,2}\s*月)?\s*(?:\d{1,2}\s*日)?(?:底|前)?)\s*[)）]/.exec(title)?.[1] ?? null;
}

/** Sub-items that are an item's fields: each opens with a short label and a colon, one names its owners. */
const FIELD = /^[\u4e00-\u9fff]{2,6}\s*[:：]/;
function isFieldGroup(node: OutlineNode): boolean {
  const ch = node.children;
  if (ch.length < 2 || ch.some((c) => c.children.length || !FIELD.test(c.text.trim()))) return false;
  return ch.some((c) => findLabelledOwners(c.text)?.units.length);
}

/** The target year stated by an ancestor ("二、主要目标 … 到2015年"), carried into its items. */
function contextYear(node: OutlineNode): number | null {
  for (let n = node.parent; n && n.kind !== 'root'; n = n.parent) {
    const m = /(?:到|至)\s*(\d{4})\s*年/.exec(n.text);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Owners a text states by label, bracket or 由X牵头 — which win over sentence subjects. */
function statedOwners(text: string): boolean {
  return !!(findLabelledOwners(text)?.units.length || findParentheticalOwners(text) || findDelegatedOwners(text));
}

/** A person named with a post ("王丹县长", "曹惠明常务副县长"), not a body. */
export function isPersonTitle(name: string): boolean {
  return /^[\u4e00-\u9fff]{2,4}?(?:常务)?副?(?:县长|市长|区长|省长|州长|旗长|镇长|乡长|书记|局长|主席|秘书长|部长|厅长|处长|科长|组长)$/.test(name) && !/^(?:各|有关|相关)/.test(name);
}

/** "牵头负责领导:杨光荣。", "分管市领导:王东": the leaders an item's own label line names (people, not units). */
const LEADER_LABEL = /(牵头负责领导|牵头领导|责任领导|分管领导|分管(?:省|市|县|区)领导|包保领导|联系领导|牵头(?:省|市|县|区)领导)\s*[:：]\s*([\u4e00-\u9fff]{2,4}(?:\s*[、,，]\s*[\u4e00-\u9fff]{2,4})*)(?=[。;；)）\s]|$)/;

export function leadersIn(text: string): Task['leaders'] | undefined {
  const m = LEADER_LABEL.exec(text);
  return m ? { label: m[1], names: m[2].split(/\s*[、,，]\s*/).filter(Boolean) } : undefined;
}
