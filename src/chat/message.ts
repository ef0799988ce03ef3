/**
 * The chat port: plain data in, text out. Handlers and the pipeline never import wechaty; the Wechaty
 * adapter, the local console and the tests all speak this.
 */

/**
 * What kind of message it is. Only `text` can be a question or a command; the others get a short
 * "please write" reply when addressed (`unknown`, `recalled`, `system`, `group-note` get none).
 */
export type MessageKind =
  | 'text' | 'image' | 'audio' | 'video' | 'emoticon' | 'file' | 'url' | 'mini-program' | 'channel' | 'post'
  | 'chat-history' | 'location' | 'contact' | 'transfer' | 'red-envelope' | 'recalled' | 'group-note' | 'system' | 'unknown';

/** A message as the pipeline sees it. */
export interface IncomingMessage {
  id: string;
  /** The text as the transport gives it: for non-text messages often XML or a placeholder like "[图片]". */
  text: string;
  /** The message type when the transport knows it (Wechaty does); absent means text. */
  kind?: MessageKind;
  /** The group it was sent in; absent for a direct message. */
  room?: { id: string; topic: string };
  from: { id: string; name: string };
  /** The bot is in the message's mention list (puppets that send one). */
  mentionedBot: boolean;
  /** Sent by the bot's own account. */
  self: boolean;
  /** When it was sent, ms since epoch. */
  at: number;
}

/** A file or image sent into the chat (an .xlsx export, a PNG chart). */
export interface OutgoingFile {
  name: string;
  data: Buffer;
}

/** Sends replies: in a group with an @ of the asker, in a direct message plainly. */
export interface Replier {
  reply(to: IncomingMessage, text: string): Promise<void>;
  /** Sends a file to where the message came from; transports without files leave it out. */
  replyFile?(to: IncomingMessage, file: OutgoingFile): Promise<void>;
}
