/**
 * Government page metadata grids: "索引号: | … | 发布机构: | … |", "索 引 号:640100-000/2019-00015 效力状态:有效",
 * "发布时间:2024-01-04 19:52:09 来源:…". Several label/value pairs may share a line; labels may be
 * spaced out ("文  号"), values may be empty. Returns the first value of each label, by canonical label.
 */

export type MetaField = 'index' | 'issuer' | 'name' | 'docNo' | 'written' | 'published' | 'issued' | 'source' | 'subject' | 'validity' | 'noise';

const LABELS: Array<[MetaField, string[]]> = [
  ['index', ['索引号']],
  ['issuer', ['发布机构', '发布部门', '发文机构', '发文部门', '发文机关', '发文单位', '制发机关', '制定机关', '发布机关', '颁布机关', '发布单位', '印发机关', '所属机构']],
  ['name', ['名称', '标题', '文件名称', '信息名称', '原标题']],
  ['docNo', ['文号', '发文字号', '发文文号', '文件编号']],
  ['written', ['成文日期', '成文时间', '制发日期', '生成日期']],
  ['issued', ['发文日期', '印发日期', '印发时间', '生效日期']],
  ['published', ['发布日期', '发布时间', '公布日期', '公开日期', '发表时间', '发表日期', '添加时间', '发稿时间', '上传时间', '网站发布', '时间', '日期']],
  ['source', ['来源', '信息来源', '文章来源', '稿件来源', '新闻来源', '责任部门']],
  ['subject', ['主题分类', '组配分类', '主题词', '分类']],
  ['validity', ['有效性状态', '有效性', '效力状态', '时效性', '时效']],
  // Page furniture after a value ("日期:2022-06-06 浏览量:"): it ends the value before it.
  ['noise', ['浏览量', '浏览次数', '阅读量', '阅读次数', '点击数', '点击量', '查看次数', '访问量', '访问次数', '累计次数', '累计访问', '阅读', '字体', '字号', '作者', '公开形式', '公开方式', '公开时限', '公开范围', '体裁分类', '服务对象', '关键词']],
];

const spaced = (label: string) => [...label].join('\\s*');
const ALL = LABELS.flatMap(([field, names]) => names.map((n) => ({ field, n }))).sort((a, b) => b.n.length - a.n.length);
// "文号: …", "文号 | … |", "[ 文号 ] …" (a bracketed label needs no colon).
const LABEL_RE = new RegExp(
  // (A label of four characters may follow the value before it without a space: "来源:X局发布时间:2023-03-10".)
  // (Any label may follow a time without a space: "2022-10-25 16:48:00来源: 湖北日报".)
  `(?:(?<=^|[\\s|\\[【])(${ALL.map((l) => spaced(l.n)).join('|')})|(?<=[\\u4e00-\\u9fff)])(${ALL.filter((l) => l.n.length >= 4).map((l) => l.n).join('|')})|(?<=\\d)(${ALL.map((l) => l.n).join('|')}))\\s*(?:[\\]】]\\s*[:|]?|[:|])\\s*\\|?`,
  'g',
);
const LABEL_ONLY = new RegExp(`^\\s*[\\[【]?\\s*(${ALL.map((l) => spaced(l.n)).join('|')})\\s*[\\]】]?\\s*[:|]?\\s*$`);
const FIELD_OF = new Map(ALL.map((l) => [l.n, l.field]));

/** A grid printed without separators: "发文字号 豫政办〔2013〕36号 发布时间 2013年05月17日". */
const SPACED_LABEL_RE = new RegExp(`(?:^|\\s)(${ALL.map((l) => spaced(l.n)).join('|')})(?=\\s)\\s*`, 'g');

export function readMetaFields(lines: string[]): Map<MetaField, string> {
  const out = new Map<MetaField, string>();
  // A label alone on its line, its value on the next ("发文字号" / "郧政发〔2023〕5号").
  lines.forEach((line, i) => {
    const m = LABEL_ONLY.exec(line);
    const next = lines[i + 1]?.trim();
    if (!m || !next || LABEL_ONLY.test(next)) return;
    const field = FIELD_OF.get(m[1].replace(/\s+/g, ''));
    if (field && !out.has(field) && !(/^(时间|日期)$/.test(m[1]) && !/^\d{4}/.test(next))) out.set(field, next);
  });
  for (const line of lines) {
    if (line.length > 400) continue;
    let found = [...line.matchAll(LABEL_RE)];
    // Without a colon or bar, a line must start with a label to be a grid line.
    if (found.length === 0 && line.length <= 160) {
      const spacedLabels = [...line.matchAll(SPACED_LABEL_RE)];
      if (spacedLabels[0]?.index === 0) found = spacedLabels;
    }
    found.forEach((m, i) => {
      const label = (m[1] ?? m[2] ?? m[3]).replace(/\s+/g, '');
      const field = FIELD_OF.get(label);
      if (!field || out.has(field)) return;
      const end = found[i + 1]?.index ?? line.length;
      const value = line.slice(m.index + m[0].length, end).replace(/[|]|[\[【]\s*$/g, ' ').trim();
      // "时间" alone is too common a word: only a date counts as its value.
      if ((label === '时间' || label === '日期') && !/^\d{4}/.test(value)) return;
      // "发文机关 成文日期": an empty grid cell; the next label is no value.
      if (FIELD_OF.has(value.replace(/\s+/g, ''))) return;
      if (value) out.set(field, value);
    });
  }
  return out;
}
