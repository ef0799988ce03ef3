/**
 * Message hygiene, both ways. Pure functions, no transport, no I/O.
 *
 * In: what WeChat actually delivers is not always a question. Files, links and mini-programs arrive
 * as XML (`<msg><appmsg …>`), pictures/voice/stickers as placeholders (`[图片]`) or by message type,
 * a quoted reply as `「张三：原消息」\n- - - - -\n新消息`, plus system notices (recalls, pats).
 * `classifyIncoming` says which is which: text to handle (only the new text of a quoted reply), a
 * short "please write" reply for media, or silence.
 *
 * Out: the bot never sends `@所有人` (nor @all / @全体成员), never @-mentions anyone but the asker,
 * and never sends control, zero-width or bidi characters: `sanitizeOutgoing` is applied to every
 * reply. User text quoted back is cut short with `quoteUserText`; user text kept for others to read
 * (progress reports) is cleaned with `cleanUserText`.
 */
import type { IncomingMessage, MessageKind } from './message.ts';

// ---------------------------------------------------------------------------------------------
// Characters and mentions
// ---------------------------------------------------------------------------------------------

/** C0 controls except \t and \n, DEL, and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Zero-width and bidi formatting characters (invisible, or reorder what is shown). */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Terminal escape sequences (CSI "ESC [ … m", OSC "ESC ] … BEL"), removed whole rather than leaving "[31m". */
const ESCAPE_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g;
/** The characters WeChat (or a reader) takes for "@". */
const AT = /[@＠﹫]/g;
/** "@所有人" and its variants; `@all` only as a whole word. */
const EVERYONE_AT_START = /^(?:所有人|全体成员|(?:all|everyone)(?![A-Za-z0-9_]))/i;
/** The same as tokens inside a text (with the space after them). */
const EVERYONE_TOKENS = /(?<![A-Za-z0-9._%+-])[@＠﹫](?:所有人|全体成员|(?:all|everyone)(?![A-Za-z0-9_]))[ \t\u00a0\u2005\u3000]*/gi;

/** Removes control (C0/C1 except \n and \t), zero-width and bidi characters; CRLF/CR become \n. */
export function stripInvisible(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '').replace(INVISIBLE, '');
}

/** True when the text contains `@所有人`, `@全体成员`, `@all` or `@everyone`. */
export function mentionsEveryone(s: string): boolean {
  EVERYONE_TOKENS.lastIndex = 0;
  const found = EVERYONE_TOKENS.test(s);
  EVERYONE_TOKENS.lastIndex = 0;
  return found;
}

/**
 * Takes the "@" off every mention except of the names in `keep` (a kept name must end there: "@张三"
 * keeps, "@张三丰" does not). `@所有人` and friends are never kept, whatever `keep` says. An "@" in
 * an e-mail address, or with nothing after it, is no mention and stays.
 */
export function neutralizeMentions(s: string, keep: string[] = []): string {
  const names = keep.filter((n) => n && !EVERYONE_AT_START.test(n));
  return s.replace(AT, (at: string, offset: number, whole: string) => {
    const rest = whole.slice(offset + 1);
    if (at === '@' && offset > 0 && /[A-Za-z0-9._%+-]/.test(whole[offset - 1]) && /^[A-Za-z0-9-]+\.[A-Za-z]/.test(rest)) return at;
    if (EVERYONE_AT_START.test(rest)) return '';
    if (rest === '' || /^[\s\u2005\u3000]/.test(rest)) return at;
    if (names.some((n) => rest.startsWith(n) && (n === '我' || /^(?:$|[\s\u2005\u3000,，.。:：;；!！?？、)）」』"”])/.test(rest.slice(n.length))))) return at;
    return '';
  });
}

/**
 * Every outgoing text: no control/zero-width/bidi characters, no @所有人, no @-mention of anyone
 * but `keep` (the asker; "@我" of the help text stays too). The transport's own "@asker " in front of
 * a group reply is added after this and is unaffected.
 */
export function sanitizeOutgoing(text: string, keep: string[] = []): string {
  return neutralizeMentions(stripInvisible(text), ['我', ...keep]);
}

/**
 * User text kept for others to read later (a progress report's note): invisible characters out,
 * `@所有人` and its variants removed, other mentions without their "@", spaces tidied. Not cut.
 */
export function cleanUserText(s: string): string {
  return neutralizeMentions(stripInvisible(s).replace(EVERYONE_TOKENS, ''))
    .replace(/[ \t\u00a0\u2005\u3000]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/**
 * User text quoted back in a reply ("没有找到编号…", "已记录 …(说明)"): cleaned as `cleanUserText`,
 * on one line, and cut to `max` characters with "…".
 */
export function quoteUserText(s: string, max = 40): string {
  const one = cleanUserText(s).replace(/\s+/g, ' ').trim();
  const chars = [...one];
  if (chars.length <= max) return one;
  return `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------
// Incoming message shapes
// ---------------------------------------------------------------------------------------------

export type IncomingShape =
  /** Text to handle: the new text only (of a quoted reply), invisible characters and `@所有人` removed. */
  | { kind: 'text'; text: string; quoted?: { name?: string; text: string } }
  /** Not something the bot can read: `reply` is what to say when addressed (silence otherwise). */
  | { kind: 'media'; media: MessageKind; reply: string }
  /** System notices, recalls and the like: never replied to. */
  | { kind: 'ignore' };

const ONLY_TEXT = '我只能读文字消息, 请直接用文字提问。';

/** The short reply for each kind of message the bot cannot read. */
export const MEDIA_REPLIES: Partial<Record<MessageKind, string>> = {
  image: '我只能读文字消息, 看不了图片。请直接用文字提问。',
  audio: '我听不了语音, 请直接用文字提问。',
  video: '我看不了视频, 请直接用文字提问。',
  emoticon: '我只能读文字消息, 有问题请直接用文字提问。',
  file: '我打不开发来的文件, 请直接用文字提问。方案文件请交给管理员收录。',
  url: '我打不开链接, 请直接用文字提问。',
  'mini-program': '我打不开小程序, 请直接用文字提问。',
  channel: '我看不了视频号, 请直接用文字提问。',
  post: ONLY_TEXT,
  'chat-history': '我读不了转发的聊天记录, 请直接用文字提问。',
  location: '我只能读文字消息, 看不了位置。请直接用文字提问。',
  contact: '我只能读文字消息, 看不了名片。请直接用文字提问。',
  transfer: '我不收转账。有问题请直接用文字提问。',
  'red-envelope': '我不收红包。有问题请直接用文字提问。',
  unknown: ONLY_TEXT,
};

const media = (kind: MessageKind): IncomingShape => ({ kind: 'media', media: kind, reply: MEDIA_REPLIES[kind] ?? ONLY_TEXT });
const IGNORE: IncomingShape = { kind: 'ignore' };
/** Kinds never replied to, addressed or not. */
const SILENT_KINDS = new Set<MessageKind>(['recalled', 'system', 'group-note']);

/**
 * What a message is, from its text and (when the transport knows it) its type. Pure.
 * - `text`: the text to handle — for a quoted reply only the new text; for a quote reply sent as XML
 *   (appmsg type 57) its title; control/zero-width characters and `@所有人` removed.
 * - `media`: a picture, voice, sticker, file, link, … — by type, XML or placeholder (`[图片]`).
 * - `ignore`: recalls, system notices, pats, group notes.
 */
export function classifyIncoming(text: string, type?: MessageKind): IncomingShape {
  const kind = type ?? 'text';
  const raw = text ?? '';
  if (SILENT_KINDS.has(kind)) return IGNORE;
  const xml = looksLikeXml(raw) ? classifyXml(raw) : null;
  if (kind !== 'text') {
    // A quote reply some puppets deliver as an app message: its new text is a question like any other.
    if (xml?.kind === 'text') return xml;
    // Unknown types without markup are mostly system notices (pats, "以上是打招呼的内容").
    if (kind === 'unknown') return xml ?? IGNORE;
    return media(kind);
  }
  if (xml) return xml;
  return classifyText(raw);
}

function classifyText(raw: string, depth = 0): IncomingShape {
  const text = stripInvisible(raw);
  // Leading mentions ("@督办助手 [图片]") are addressing, not content.
  const { mentions, rest } = splitLeadingMentions(text);
  // A mention typed before the quote ("@督办助手 「张三：…」") addresses the new text.
  const quote = depth === 0 ? splitQuote(rest) : null;
  if (quote) {
    const inner = classifyText(`${mentions}${quote.text}`, depth + 1);
    return inner.kind === 'text' ? { ...inner, quoted: quote.quoted } : inner;
  }
  const body = rest.trim();
  if (SYSTEM_NOTICE.some((re) => re.test(body))) return IGNORE;
  const placeholder = placeholderKind(body);
  if (placeholder) return media(placeholder);
  // Only WeChat's bracketed emoji codes ("[微笑][强]"): nothing to answer, but it was said to the bot.
  if (body && EMOJI_CODES_ONLY.test(body)) return { kind: 'text', text: mentions.replace(EVERYONE_TOKENS, '').trim() };
  return { kind: 'text', text: text.replace(EVERYONE_TOKENS, '').trim() };
}

/** The "@name " mentions a message starts with, and the rest. A mention ends at a space or U+2005. */
function splitLeadingMentions(text: string): { mentions: string; rest: string } {
  const m = /^(?:\s*[@＠﹫][^\s\u2005@＠﹫]{1,40}[\s\u2005]*)*/.exec(text);
  const mentions = m ? m[0] : '';
  return { mentions, rest: text.slice(mentions.length) };
}

const EMOJI_CODES_ONLY = /^(?:\[[\u4e00-\u9fffA-Za-z]{1,6}\]\s*)+$/;

/** System notices some puppets deliver as text. */
const SYSTEM_NOTICE: RegExp[] = [
  /^(?:"[^"]{1,40}"|“[^”]{1,40}”|你)\s*撤回了一条消息$/,
  /^(?:"[^"]{1,40}"|“[^”]{1,40}”|你)\s*拍了拍/,
  /^你已添加了.{1,40}[，,]\s*现在可以开始聊天了。?$/,
  /^以上是打招呼的内容$/,
  /^(?:"[^"]{1,40}"|你)\s*邀请.{1,200}加入了群聊$/,
  /^(?:"[^"]{1,40}"|你)\s*修改群名为/,
];

const PLACEHOLDERS: Array<[RegExp, MessageKind]> = [
  [/^\[(?:图片|Image|Photo|Picture)\]$/i, 'image'],
  [/^\[(?:语音|Voice|Audio)\](?:\s*\d+["″秒s]?)?$/i, 'audio'],
  [/^\[(?:视频|小视频|Video)\]$/i, 'video'],
  [/^\[(?:动画表情|表情|表情包|自定义表情|Sticker|Animated Sticker|Emoji)\]$/i, 'emoticon'],
  [/^\[(?:文件|File)\](?:\s*\S.*)?$/i, 'file'],
  [/^\[(?:链接|分享|音乐|Link|Music)\](?:\s*\S.*)?$/i, 'url'],
  [/^\[(?:小程序|Mini Program)\](?:\s*\S.*)?$/i, 'mini-program'],
  [/^\[(?:视频号|Channels?)\](?:\s*\S.*)?$/i, 'channel'],
  [/^\[(?:聊天记录|Chat History)\](?:\s*\S.*)?$/i, 'chat-history'],
  [/^\[(?:位置|Location)\](?:\s*\S.*)?$/i, 'location'],
  [/^\[(?:名片|个人名片|Contact Card)\](?:\s*\S.*)?$/i, 'contact'],
  [/^\[(?:转账|Transfer)\]|^\[?收到.{0,12}转账.{0,20}\]?$/i, 'transfer'],
  [/^\[(?:红包|微信红包|Red Packet)\]|^\[?收到.{0,12}红包.{0,20}\]?$/i, 'red-envelope'],
];

function placeholderKind(body: string): MessageKind | null {
  for (const [re, kind] of PLACEHOLDERS) if (re.test(body)) return kind;
  return null;
}

/** A line that separates a quote from the new text: "- - - - -", "——————", "------". */
const SEPARATOR = /^[ \t\u3000]*(?:[-－—–─━﹣_][ \t\u3000]*){3,}$/;
/** A quote as WeChat writes it: 「张三：原消息」 (also with ":" and other quote marks). */
const QUOTE = /^[「『“"]([\s\S]*)[」』”"]$/;

/**
 * A quoted reply: the new text, and who/what was quoted. WeChat writes the quote first
 * (「张三：原消息」, a dashed line, the new text); the reverse order is accepted too.
 */
export function splitQuote(text: string): { text: string; quoted: { name?: string; text: string } } | null {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!SEPARATOR.test(lines[i])) continue;
    const before = lines.slice(0, i).join('\n').trim();
    const after = lines.slice(i + 1).join('\n').trim();
    const first = QUOTE.exec(before);
    if (first) return { text: after, quoted: quoted(first[1]) };
    const last = QUOTE.exec(after);
    if (last && before) return { text: before, quoted: quoted(last[1]) };
  }
  return null;
}

function quoted(inner: string): { name?: string; text: string } {
  const m = /^([^:：\n]{1,40})[:：]\s*([\s\S]*)$/.exec(inner);
  return m ? { name: m[1].trim(), text: m[2].trim() } : { text: inner.trim() };
}

// ---------------------------------------------------------------------------------------------
// XML messages
// ---------------------------------------------------------------------------------------------

/** "wxid_abc:\n" in front of a group message's raw content (some puppets leave it). */
const SENDER_PREFIX = /^[A-Za-z0-9_@.-]{1,64}:\s*\n/;

function xmlBody(raw: string): string {
  let s = raw.trim().replace(SENDER_PREFIX, '').trim();
  if (/^&lt;/.test(s)) s = unescapeXml(s);
  return s;
}

/** WeChat markup rather than words: `<?xml`, `<msg>`, `<appmsg>`, `<sysmsg>`, or any element. */
export function looksLikeXml(raw: string): boolean {
  const s = xmlBody(raw);
  if (/^<(?:\?xml|msg|appmsg|sysmsg|revokemsg|img|emoji|voicemsg|videomsg|location|msgsource|mmreader)\b/i.test(s)) return true;
  // Any other element: starts with a tag and ends with a closing tag.
  return /^<[A-Za-z][\w:-]*(?:\s[^>]*)?>/.test(s) && /(?:<\/[A-Za-z][\w:-]*>|\/>)$/.test(s);
}

/** appmsg `<type>` → kind. 57 (a quote reply) is handled apart. */
const APP_TYPES: Record<number, MessageKind> = {
  2: 'image', 3: 'url', 4: 'url', 5: 'url', 6: 'file', 8: 'emoticon', 17: 'location', 19: 'chat-history', 24: 'chat-history',
  33: 'mini-program', 36: 'mini-program', 40: 'chat-history', 51: 'channel', 63: 'channel', 2000: 'transfer', 2001: 'red-envelope',
};

function classifyXml(raw: string): IncomingShape {
  const s = xmlBody(raw);
  if (/^(?:<\?xml[^>]*>\s*)?<(?:sysmsg|revokemsg)\b/i.test(s) || /<sysmsg\b/i.test(s)) return IGNORE;
  const app = /<appmsg\b[\s\S]*$/i.exec(s)?.[0];
  if (app) {
    const type = Number(/<type>\s*(?:<!\[CDATA\[)?\s*(\d+)/i.exec(app)?.[1] ?? NaN);
    if (type === 57) {
      const title = /<title>([\s\S]*?)<\/title>/i.exec(app)?.[1];
      if (title !== undefined) {
        const inner = classifyText(unescapeXml(cdata(title)), 1);
        const ref = /<refermsg>[\s\S]*?<displayname>([\s\S]*?)<\/displayname>[\s\S]*?<content>([\s\S]*?)<\/content>/i.exec(app);
        if (inner.kind === 'text' && ref) return { ...inner, quoted: { name: unescapeXml(cdata(ref[1])).trim(), text: unescapeXml(cdata(ref[2])).trim() } };
        return inner;
      }
    }
    return media(APP_TYPES[type] ?? 'url');
  }
  if (/<emoji\b/i.test(s)) return media('emoticon');
  if (/<img\b/i.test(s)) return media('image');
  if (/<voicemsg\b/i.test(s)) return media('audio');
  if (/<videomsg\b/i.test(s)) return media('video');
  if (/<location\b/i.test(s)) return media('location');
  if (/<msg\b[^>]*\busername=/i.test(s)) return media('contact');
  return media('unknown');
}

function cdata(s: string): string {
  return s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
}

function unescapeXml(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => safeChar(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => safeChar(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function safeChar(code: number): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

// ---------------------------------------------------------------------------------------------
// Wiring
// ---------------------------------------------------------------------------------------------

/** Wechaty's `MessageType` names (wechaty-puppet's enum) → the chat port's kinds. */
const WECHATY_TYPES: Record<string, MessageKind> = {
  Unknown: 'unknown', Attachment: 'file', Audio: 'audio', Contact: 'contact', ChatHistory: 'chat-history', Emoticon: 'emoticon',
  Image: 'image', Text: 'text', Location: 'location', MiniProgram: 'mini-program', GroupNote: 'group-note', Transfer: 'transfer',
  RedEnvelope: 'red-envelope', Recalled: 'recalled', Url: 'url', Video: 'video', Post: 'post', Channel: 'channel',
  System: 'system', Markdown: 'text',
};

/** The kind of a Wechaty message from its type's enum name (`MessageType[msg.type()]`). */
export function kindOfWechatyType(name: string | undefined): MessageKind {
  return (name && WECHATY_TYPES[name]) || 'unknown';
}

/**
 * What the pipeline does with a message before anything else: ignore it, answer "please write"
 * (`addressed`: only in a direct message, or when the bot is mentioned), or handle its text — the
 * message with `text` replaced by the cleaned new text.
 */
export function prepareIncoming(
  msg: IncomingMessage,
  botName: string,
): { kind: 'ignore' } | { kind: 'media'; reply: string; addressed: boolean } | { kind: 'text'; msg: IncomingMessage } {
  const shape = classifyIncoming(msg.text, msg.kind);
  if (shape.kind === 'ignore') return shape;
  if (shape.kind === 'media') {
    const addressed = !msg.room || msg.mentionedBot || msg.text.includes(`@${botName}`);
    return { kind: 'media', reply: shape.reply, addressed };
  }
  return { kind: 'text', msg: shape.text === msg.text ? msg : { ...msg, text: shape.text } };
}
