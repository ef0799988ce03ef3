import { describe, expect, it } from 'vitest';
import { parseTaskTable, readHeader } from '../../src/ingest/parse-task-table.ts';
import { parseFlattenedTable, splitRowCells } from '../../src/ingest/parse-flattened-table.ts';

const HEADER = ['序号', '目标类别', '目标项目', '目标内容', '责任单位', '完成时限'];

describe('parseTaskTable', () => {
  it('finds the header by its labels and maps the columns', () => {
    expect(readHeader(HEADER)).toEqual(['ref', 'category', 'project', 'text', 'units', 'deadline']);
    expect(readHeader(['序号', '工作任务', '牵头单位', '配合单位', '完成时间'])).toEqual(['ref', 'text', 'lead', 'partners', 'deadline']);
    expect(readHeader(['姓名', '电话'])).toBeNull();
  });

  it('inherits blank (merged) owner and deadline cells within a group, never across groups', () => {
    const t = parseTaskTable([
      ['明州市目标任务分解表', '', '', '', '', ''],
      HEADER,
      ['1.1.1', '1 质量文化', '1.1 质量精神', '征集城市质量精神。', '市委宣传部牵头,市市场监管局参加', '2026年6月'],
      ['1.1.2', '', '', '开展宣传活动。', '', '2026年12月'],
      ['1.1.3', '', '', '评选质量标杆。', '', ''],
      HEADER, // repeated at a page break
      ['1.2.1', '', '1.2 质量教育', '建设教育基地。', '', '2027年6月'],
      ['1.2.2', '', '', '开展进校园活动。', '市教育局', ''],
    ])!;
    expect(t.rows.map((r) => r.ref)).toEqual(['1.1.1', '1.1.2', '1.1.3', '1.2.1', '1.2.2']);
    const [a, b, c, d, e] = t.rows;
    expect(a.owners?.lead).toEqual(['市委宣传部']);
    expect(b.owners?.units).toEqual(['市委宣传部', '市市场监管局']);
    expect(b.inherited).toEqual(['units']);
    expect(c.deadline).toBe('2026-12');
    expect(c.inherited).toEqual(['units', 'deadline']);
    expect(d.owners).toBeNull(); // a new group does not inherit 1.1's owners
    expect(d.project).toBe('1.2 质量教育');
    expect(d.category).toBe('1 质量文化');
    expect(e.owners?.units).toEqual(['市教育局']);
    expect(e.deadline).toBe('2027-06');
    expect(t.warnings).toEqual(['第7行(1.2.1)没有责任单位']);
  });

  it('reads separate 牵头单位 / 配合单位 columns', () => {
    const t = parseTaskTable([
      ['序号', '工作任务', '牵头单位', '配合单位', '完成时间'],
      ['1', '建设检验检测平台', '市市场监管局', '市财政局、市工信局', '2026年12月31日'],
    ])!;
    expect(t.rows[0].owners).toMatchObject({ lead: ['市市场监管局'], partners: ['市财政局', '市工信局'] });
    expect(t.rows[0].deadline).toBe('2026-12-31');
  });
});

describe('parseFlattenedTable', () => {
  const line =
    '序号 目标类别 目标项目 目标内容 责任单位 完成时限 1 质量文化建设 1.1、提炼质量精神 1.1.1、征集城市质量精神。 质量强市办 2026年6月 ' +
    '1.1.2、开展宣传,营造氛围。 市委宣传部、质量强市办 2026年12月 1.2、开展群众性质量活动 1.2.1、推广QC小组活动。 市工信局牵头,市总工会参加 2027年6月 ' +
    '1.2.2、合格率达到98%以上。 1.2.3、树立标杆企业。 2027年12月 1 质量文化建设 1.3、质量教育 1.3.1、建设实践基地。 2026年12月 ' +
    '2 产品质量 2.1、监督抽查 2.1.1、抽查合格率达到96%以上。 市市场监管局 2026年12月';

  it('recovers rows, cells and group headers from one line', () => {
    const rows = parseFlattenedTable(line)!;
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['1.1.1', '1.1.2', '1.2.1', '1.2.2', '1.2.3', '1.3.1', '2.1.1']);
    expect(rows[1]).toEqual(['1.1.1', '1 质量文化建设', '1.1、提炼质量精神', '征集城市质量精神。', '质量强市办', '2026年6月']);
    expect(rows[3]).toEqual(['1.2.1', '', '1.2、开展群众性质量活动', '推广QC小组活动。', '市工信局牵头,市总工会参加', '2027年6月']);
    expect(rows[4]).toEqual(['1.2.2', '', '', '合格率达到98%以上。', '', '']);
    expect(rows[5]).toEqual(['1.2.3', '', '', '树立标杆企业。', '', '2027年12月']);
    expect(rows[6]).toEqual(['1.3.1', '1 质量文化建设', '1.3、质量教育', '建设实践基地。', '', '2026年12月']);
    expect(rows[7][1]).toBe('2 产品质量');
  });

  it('feeds the merged-cell rules like a real table', () => {
    const t = parseTaskTable(parseFlattenedTable(line)!)!;
    const byRef = Object.fromEntries(t.rows.map((r) => [r.ref, r]));
    expect(byRef['1.2.2'].owners?.lead).toEqual(['市工信局']);
    expect(byRef['1.2.2'].deadline).toBe('2027-06');
    expect(byRef['1.2.3'].owners?.partners).toEqual(['市总工会']);
    expect(byRef['1.2.3'].deadline).toBe('2027-12');
    expect(byRef['1.3.1'].owners).toBeNull();
  });

  it('is not fooled by ordinary lines', () => {
    expect(parseFlattenedTable('序号为1的任务由市质监局负责')).toBeNull();
  });

  it('splits content, owners and deadline cells', () => {
    expect(splitRowCells('建立平台。 市质监局、财政局 2013年12月')).toEqual({ content: '建立平台。', owners: '市质监局、财政局', deadline: '2013年12月' });
    expect(splitRowCells('建立平台。 2013年12月')).toEqual({ content: '建立平台。', owners: '', deadline: '2013年12月' });
    expect(splitRowCells('开展比对 市质监局')).toEqual({ content: '开展比对', owners: '市质监局', deadline: '' });
  });
});
