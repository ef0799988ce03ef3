/**
 * Web-page noise around published plans: navigation, breadcrumbs, share prompts, footers, weather,
 * metadata grids. A short line that is noise is dropped whole; in a long line (a whole document on one
 * line) only the noisy phrase itself is cut out, so plan text is never lost with it.
 */

/** A page's section label alone ("正文", "文章属性"), a site's name line ("法搜网--中国法律信息搜索网") or its greeting ("欢迎访问X网!"). */
const PAGE_LABEL = /^(?:正文|文章属性|全文|原文|正文内容|文章正文)$|^[•·*\s-]*(?:设为首页|加入收藏|无障碍(?:阅读|浏览)?|长者版|关怀版|适老版|网站地图|English|繁體|繁体)\s*$|^欢迎(?:访问|光临|来到|您访问)[^。]{2,30}?[!！。]?$|^[\u4e00-\u9fffA-Za-z]{2,16}(?:网|网站)(?:\s*[-—_|]+\s*[\u4e00-\u9fffA-Za-z]{2,24}(?:网|网站|平台))?$/;

/** Phrases that make a short line pure noise. */
const NOISE_LINE = [
  /设为首页|加入收藏|网站地图|网站导航|繁体版|简体版/,
  /当前位置|您现在的位置|首页\s*>|>>\s*正文|>\s*正文/,
  /扫一扫|扫描二维码|关注我们|分享到|打印本页|打印\s*\||关闭窗口|【?\s*关闭\s*】?$|返回顶部|【打印】/,
  /推荐访问|相关阅读|相关文章|上一篇|下一篇|热门文章|延伸阅读|责任编辑|来源[:：]|浏览次数|点击数|阅读次数/,
  /ICP|备案许可证|备案号|公安机关备案|备案证书|Copyright|版权所有|All Rights Reserved|网站标识码|技术支持[:：]|主办[:：]|承办[:：]|开办[:：]|联系电话[:：]|邮编[:：]/i,
  /天气预报|气象台提供|电视台提供|电视新闻/,
  // Accessibility switches a government site puts above its pages.
  /无障碍浏览|长者模式|关怀版|适老化|无障碍阅读|读屏专用|^[•·*\s-]*长者版\s*$/,
  /\[\s*字号|字号[:：]?\s*[大中小]|索\s*引\s*号|公开方式|公开日期|信息类别|公开范围|载体类型|记录形式|依\s*据\s*政府信息公开/,
  /政府信息公开指南|依申请公开|监督保障制度|政务公开网上办事|^首页/,
  /小编为大家整理|供大家参考|范文推荐|本文由.*整理|版权归原作者/,
  // A law database's counters ("共收录303235 条", "法规今日更新50 条").
  /^共收录\s*\d+\s*条|今日更新\s*\d+\s*条/,
  PAGE_LABEL,
];

/** A page's section label or site name on a line of its own: it heads the document and belongs to none of it. */
export function isPageLabel(line: string): boolean {
  return PAGE_LABEL.test(line.trim());
}

/** Noise phrases cut out of long lines (where dropping the line would drop plan text), and links to its end. */
const NOISE_PHRASE = /扫一扫手机阅读|扫描二维码\s*关注我们|【?关闭窗口】?|【打印本页】|打印本页/g;
const LINKS_TO_END = /推荐访问[:：][^。]*$/;

/** A line longer than this is content even if it contains a noise phrase. */
const SHORT_LINE = 160;

/** Whether a (normalised) line is pure web noise. */
export function isNoiseLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0) return true;
  if (t.length > SHORT_LINE) return false;
  if (/^[\s|·>\-—_=*]+$/.test(t)) return true;
  // A numbered item with sentences ("(8)市气象局:及时提供…天气预报…,适时…") is plan text, whatever it names.
  if (/^[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]/.test(t) && /[,，。;；]/.test(t)) return false;
  // A notice's sentences end with its contact ("…报送自治区食安办。联系人:谢华,联系电话:…"): a line of
  // sentences is plan text, only a site's footer (ICP, copyright) is noise there.
  if (t.length >= 40 && /[\u4e00-\u9fff]{6,}[^。]*。/.test(t) && !/ICP|备案|Copyright|版权所有|All Rights Reserved|网站标识码/i.test(t)) return false;
  return NOISE_LINE.some((re) => re.test(t));
}

/**
 * Cuts noise phrases out of a long line. (Links run to the end without a 。, so they can only start after
 * the line's last 。: tried before it, `[^。]*$` scanned on to the next 。 from each 推荐访问.)
 */
export function stripNoisePhrases(line: string): string {
  const cut = line.lastIndexOf('。') + 1;
  return (line.slice(0, cut).replace(NOISE_PHRASE, ' ') + line.slice(cut).replace(NOISE_PHRASE, ' ').replace(LINKS_TO_END, ' ')).trim();
}

/** Keeps the content lines of a text, in order. */
export function stripBoilerplate(lines: string[]): string[] {
  const kept: string[] = [];
  for (const line of lines) {
    if (isNoiseLine(line)) continue;
    const cleaned = stripNoisePhrases(line);
    if (cleaned) kept.push(cleaned);
  }
  return kept;
}

/**
 * A document-sharing site's banner: "《X.docx》由会员分享,可在线阅读" / "(18页珍藏版)". (Only tested: `\d页`
 * finds what `\d+页` does, without rescanning a long run of digits from each of its digits.)
 */
const SHARE_SITE = /由会员分享|可在线阅读|\d页珍藏版|文档分享|在线文档|全部预览完了|上传人[:：]/;
/** A page chunk's number, "2、", that such a site puts at the start of each page of the document. */
const PAGE_CHUNK = /^(\d{1,3})、/;

/**
 * A document-sharing page numbers its pages "1、…", "2、…", and a page may break mid-sentence
 * ("…对小微企业和个体工商" / "2、户提供融资担保…"): the page number is no item number. On such pages, a
 * line opening with the next page number after a line that ends mid-sentence continues that line.
 */
export function joinSharedPages<T extends { text: string }>(lines: T[]): T[] {
  if (!lines.slice(0, 30).some((l) => SHARE_SITE.test(l.text))) return lines;
  const out: T[] = [];
  let page = 1;
  for (const l of lines) {
    const m = PAGE_CHUNK.exec(l.text);
    if (m && Number(m[1]) === page + 1 && out.length && !/[。!?！？;；]$/.test(out[out.length - 1].text)) {
      page++;
      out[out.length - 1] = { ...out[out.length - 1], text: out[out.length - 1].text + l.text.slice(m[0].length) };
      continue;
    }
    // The first page's number opens the document's text.
    if (m && Number(m[1]) === 1 && page === 1 && out.some((o) => SHARE_SITE.test(o.text))) {
      out.push({ ...l, text: l.text.slice(m[0].length) });
      continue;
    }
    out.push(l);
  }
  return out;
}
