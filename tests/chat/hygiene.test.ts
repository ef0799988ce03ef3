import { describe, expect, it } from 'vitest';
import {
  classifyIncoming,
  cleanUserText,
  kindOfWechatyType,
  mentionsEveryone,
  neutralizeMentions,
  prepareIncoming,
  quoteUserText,
  sanitizeOutgoing,
  splitQuote,
  stripInvisible,
} from '../../src/chat/hygiene.ts';
import type { IncomingMessage } from '../../src/chat/message.ts';

/** The message hygiene functions, pure: what comes in (WeChat's shapes) and what goes out. */

const NASTY = '\u0000\u0007\u001b[31m\u007f\u0085\u009b\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2064\u2066\ufeff';
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

describe('outgoing text', () => {
  it('strips control, escape, zero-width and bidi characters, keeping \\n and \\t', () => {
    expect(stripInvisible(`a${NASTY}b\tc\r\nd\re`)).toBe('ab\tc\nd\ne');
    expect(sanitizeOutgoing(`回答${NASTY}完毕`)).toBe('回答完毕');
    expect(sanitizeOutgoing(`回答${NASTY}完毕`)).not.toMatch(INVISIBLE);
  });

  it('never sends @所有人, @全体成员, @all or @everyone, whatever is kept', () => {
    const out = sanitizeOutgoing('@所有人 注意, ＠所有人, @全体成员 @All @everyone 好', ['所有人', 'all']);
    expect(out).not.toMatch(/[@＠](所有人|全体成员|all|everyone)/i);
    expect(out).toBe('所有人 注意, 所有人, 全体成员 All everyone 好');
  });

  it('mentions nobody but the asker; "@我" (help text) and e-mail addresses stay', () => {
    expect(sanitizeOutgoing('@张三 请@李四 和 @王五\u2005看看', ['张三'])).toBe('@张三 请李四 和 王五\u2005看看');
    expect(sanitizeOutgoing('@张三丰 到', ['张三'])).toBe('张三丰 到');
    expect(sanitizeOutgoing('在群里@我或以 / 开头提问')).toBe('在群里@我或以 / 开头提问');
    expect(sanitizeOutgoing('联系 zjj@mz.gov.cn 或 @ 符号')).toBe('联系 zjj@mz.gov.cn 或 @ 符号');
    expect(neutralizeMentions('@allen 和 @all')).toBe('allen 和 all');
  });

  it('quoteUserText: one line, cut short with …, no control characters, no mentions', () => {
    expect(quoteUserText('短')).toBe('短');
    const long = quoteUserText(`@所有人 ${'很长的说明'.repeat(20)}\n第二行${NASTY}`, 12);
    expect([...long]).toHaveLength(12);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toContain('所有人');
    expect(quoteUserText(`a\n\nb${NASTY} @张三`)).toBe('a b 张三');
    expect(quoteUserText('😀'.repeat(50), 5)).toBe(`${'😀'.repeat(4)}…`);
  });

  it('cleanUserText: what is stored for others to read', () => {
    expect(cleanUserText(`  @所有人  已完成 @张三\u2005看一下${NASTY} `)).toBe('已完成 张三 看一下');
    expect(mentionsEveryone('请 @全体成员 注意')).toBe(true);
    expect(mentionsEveryone('请大家注意 a@all.com')).toBe(false);
    expect(sanitizeOutgoing('a@all.com')).toBe('a@all.com');
  });
});

describe('incoming shapes', () => {
  const FILE_XML = '<?xml version="1.0"?>\n<msg><appmsg appid="" sdkver="0"><title>明州方案.docx</title><des></des><type>6</type><appattach><totallen>1024</totallen><fileext>docx</fileext></appattach></appmsg></msg>';
  const LINK_XML = '<msg><appmsg appid="" sdkver="0"><title>1.1.1谁牵头? 看这篇</title><type>5</type><url>https://example.com/a</url></appmsg></msg>';
  const MINI_XML = '<msg><appmsg><title>小程序</title><type>33</type><weappinfo><username>gh_x</username></weappinfo></appmsg></msg>';
  const QUOTE_XML = '<msg><appmsg appid="" sdkver="0"><title>那2.3.2什么时候完成?</title><des /><type>57</type><refermsg><type>1</type><svrid>1</svrid><fromusr>wxid_a</fromusr><displayname>张三</displayname><content>1.1.1谁牵头?</content></refermsg></appmsg></msg>';

  it('XML shares are media, never text: file, link, mini-program, sticker, picture, voice, location', () => {
    expect(classifyIncoming(FILE_XML)).toMatchObject({ kind: 'media', media: 'file' });
    expect(classifyIncoming(LINK_XML)).toMatchObject({ kind: 'media', media: 'url' });
    expect(classifyIncoming(MINI_XML)).toMatchObject({ kind: 'media', media: 'mini-program' });
    expect(classifyIncoming('wxid_abc:\n<msg><emoji fromusername="wxid_abc" md5="x" /></msg>')).toMatchObject({ kind: 'media', media: 'emoticon' });
    expect(classifyIncoming('<?xml version="1.0"?><msg><img aeskey="k" length="10" /></msg>')).toMatchObject({ kind: 'media', media: 'image' });
    expect(classifyIncoming('<msg><voicemsg length="1" /></msg>')).toMatchObject({ kind: 'media', media: 'audio' });
    expect(classifyIncoming('<msg><location x="1" y="2" label="市政府" /></msg>')).toMatchObject({ kind: 'media', media: 'location' });
    expect(classifyIncoming('&lt;msg&gt;&lt;appmsg&gt;&lt;type&gt;6&lt;/type&gt;&lt;/appmsg&gt;&lt;/msg&gt;')).toMatchObject({ kind: 'media', media: 'file' });
    expect(classifyIncoming('<msg><appmsg><type>2001</type></appmsg></msg>')).toMatchObject({ kind: 'media', media: 'red-envelope' });
    expect(classifyIncoming('<foo><bar>x</bar></foo>')).toMatchObject({ kind: 'media' });
    for (const xml of [FILE_XML, LINK_XML, MINI_XML]) {
      const shape = classifyIncoming(xml);
      expect(shape.kind === 'media' && shape.reply).toMatch(/文字/);
    }
  });

  it('system XML (pat, recall) is ignored', () => {
    expect(classifyIncoming('<sysmsg type="pat"><pat><fromusername>wxid_a</fromusername></pat></sysmsg>')).toEqual({ kind: 'ignore' });
    expect(classifyIncoming('<sysmsg type="revokemsg"><revokemsg><replacemsg>"张三" 撤回了一条消息</replacemsg></revokemsg></sysmsg>', 'unknown')).toEqual({ kind: 'ignore' });
  });

  it('placeholders are media, also after the mention that addressed the bot', () => {
    expect(classifyIncoming('[图片]')).toMatchObject({ kind: 'media', media: 'image' });
    expect(classifyIncoming('@督办助手\u2005[图片]')).toMatchObject({ kind: 'media', media: 'image' });
    expect(classifyIncoming('[语音]')).toMatchObject({ kind: 'media', media: 'audio' });
    expect(classifyIncoming('[动画表情]')).toMatchObject({ kind: 'media', media: 'emoticon' });
    expect(classifyIncoming('[视频]')).toMatchObject({ kind: 'media', media: 'video' });
    expect(classifyIncoming('[文件] 方案.pdf')).toMatchObject({ kind: 'media', media: 'file' });
    expect(classifyIncoming('[链接] 质量强市')).toMatchObject({ kind: 'media', media: 'url' });
    expect(classifyIncoming('[位置]')).toMatchObject({ kind: 'media', media: 'location' });
    expect(classifyIncoming('[红包]')).toMatchObject({ kind: 'media', media: 'red-envelope' });
    expect(classifyIncoming('[收到一条微信转账消息，请在手机上查看]')).toMatchObject({ kind: 'media', media: 'transfer' });
    // A question that mentions a picture is still a question.
    expect(classifyIncoming('[图片]里的1.1.1谁牵头?')).toEqual({ kind: 'text', text: '[图片]里的1.1.1谁牵头?' });
  });

  it('the message type decides before the text', () => {
    expect(classifyIncoming('1.1.1谁牵头?', 'image')).toMatchObject({ kind: 'media', media: 'image' });
    expect(classifyIncoming('', 'emoticon')).toMatchObject({ kind: 'media', media: 'emoticon' });
    expect(classifyIncoming('<msg><appmsg><type>6</type></appmsg></msg>', 'file')).toMatchObject({ kind: 'media', media: 'file' });
    expect(classifyIncoming('hello', 'recalled')).toEqual({ kind: 'ignore' });
    expect(classifyIncoming('张三修改了群公告', 'group-note')).toEqual({ kind: 'ignore' });
    expect(classifyIncoming('"张三" 拍了拍 "督办助手"', 'unknown')).toEqual({ kind: 'ignore' });
    expect(classifyIncoming('1.1.1谁牵头?', 'text')).toEqual({ kind: 'text', text: '1.1.1谁牵头?' });
    expect(classifyIncoming('1.1.1谁牵头?')).toEqual({ kind: 'text', text: '1.1.1谁牵头?' });
  });

  it('a quote reply sent as XML (appmsg type 57) is its new text', () => {
    expect(classifyIncoming(QUOTE_XML, 'url')).toEqual({ kind: 'text', text: '那2.3.2什么时候完成?', quoted: { name: '张三', text: '1.1.1谁牵头?' } });
    expect(classifyIncoming(QUOTE_XML, 'unknown')).toMatchObject({ kind: 'text', text: '那2.3.2什么时候完成?' });
    expect(classifyIncoming(QUOTE_XML)).toMatchObject({ kind: 'text', text: '那2.3.2什么时候完成?' });
  });

  it('system notices as text are ignored', () => {
    for (const t of ['"张三" 撤回了一条消息', '你撤回了一条消息', '"张三" 拍了拍 "督办助手"', '你已添加了张三，现在可以开始聊天了。', '"王协调"邀请"张三"加入了群聊']) {
      expect(classifyIncoming(t)).toEqual({ kind: 'ignore' });
    }
    expect(classifyIncoming('怎么撤回了一条消息')).toMatchObject({ kind: 'text' });
  });

  it('a quoted reply is its new text only (WeChat format, full-width or ASCII colon, dash variants)', () => {
    const dash = '- - - - - - - - - - - - - - -';
    expect(classifyIncoming(`「张三：1.1.1谁牵头?」\n${dash}\n2.3.2什么时候完成`)).toEqual({
      kind: 'text',
      text: '2.3.2什么时候完成',
      quoted: { name: '张三', text: '1.1.1谁牵头?' },
    });
    expect(classifyIncoming(`「张三: 1.1.1谁牵头?\n第二行」\n------\n@督办助手 2.3.2什么时候完成`)).toMatchObject({ text: '@督办助手 2.3.2什么时候完成' });
    expect(classifyIncoming(`「督办助手：@张三 牵头: 市委宣传部」\n——————\n谢谢`)).toMatchObject({ text: '谢谢', quoted: { name: '督办助手' } });
    expect(classifyIncoming(`2.3.2什么时候完成\n${dash}\n「张三：1.1.1谁牵头?」`)).toMatchObject({ text: '2.3.2什么时候完成' });
    expect(classifyIncoming(`「张三：[图片]」\n${dash}\n[动画表情]`)).toMatchObject({ kind: 'media', media: 'emoticon' });
    // A divider without a quote is no quote.
    expect(splitQuote('第一段\n------\n第二段')).toBeNull();
  });

  it('text is cleaned: control/zero-width characters and @所有人 out, other mentions kept for addressing', () => {
    expect(classifyIncoming(`@所有人 @督办助手\u2005 1.1.1谁牵头?${NASTY}`)).toEqual({ kind: 'text', text: '@督办助手\u2005 1.1.1谁牵头?' });
    expect(classifyIncoming('@督办助手 [微笑][强]')).toEqual({ kind: 'text', text: '@督办助手' });
  });

  it('maps Wechaty message type names', () => {
    expect(kindOfWechatyType('Text')).toBe('text');
    expect(kindOfWechatyType('Image')).toBe('image');
    expect(kindOfWechatyType('Attachment')).toBe('file');
    expect(kindOfWechatyType('Emoticon')).toBe('emoticon');
    expect(kindOfWechatyType('Url')).toBe('url');
    expect(kindOfWechatyType('Recalled')).toBe('recalled');
    expect(kindOfWechatyType(undefined)).toBe('unknown');
    expect(kindOfWechatyType('SomethingNew')).toBe('unknown');
  });
});

describe('prepareIncoming', () => {
  const base: IncomingMessage = { id: 'm1', text: '', room: { id: 'r@chatroom', topic: '群' }, from: { id: 'u1', name: '张三' }, mentionedBot: false, self: false, at: 0 };

  it('media is addressed in a direct message or with a mention, not otherwise', () => {
    expect(prepareIncoming({ ...base, kind: 'image' }, '督办助手')).toMatchObject({ kind: 'media', addressed: false });
    expect(prepareIncoming({ ...base, kind: 'image', mentionedBot: true }, '督办助手')).toMatchObject({ kind: 'media', addressed: true });
    expect(prepareIncoming({ ...base, text: '@督办助手 [图片]' }, '督办助手')).toMatchObject({ kind: 'media', addressed: true });
    expect(prepareIncoming({ ...base, room: undefined, kind: 'emoticon' }, '督办助手')).toMatchObject({ kind: 'media', addressed: true });
  });

  it('text keeps the message (same id) with the new text', () => {
    const msg = { ...base, text: '「张三：1.1.1谁牵头?」\n- - - -\n@督办助手 2.3.2什么时候完成' };
    const out = prepareIncoming(msg, '督办助手');
    expect(out.kind === 'text' && out.msg).toMatchObject({ id: 'm1', text: '@督办助手 2.3.2什么时候完成' });
    const same = { ...base, text: '1.1.1谁牵头?' };
    expect(prepareIncoming(same, '督办助手')).toEqual({ kind: 'text', msg: same });
  });
});
