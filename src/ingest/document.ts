/**
 * The intermediate form every loader produces: a plan file read into ordered blocks of text and tables,
 * before any normalisation or extraction. Loaders only do transport (bytes → text/rows); everything
 * language-specific happens later, on these blocks.
 */

/** A run of prose. `text` may hold several lines ("\n"); `line` is the 1-based line in the source where known. */
export interface ParagraphBlock {
  kind: 'para';
  text: string;
  line?: number;
}

/** A table as rows of cell strings. Blank cells are kept as '' (merged cells are resolved later). */
export interface TableBlock {
  kind: 'table';
  rows: string[][];
  /** Sheet name (xlsx) or caption, when the source has one. */
  name?: string;
  line?: number;
}

export type Block = ParagraphBlock | TableBlock;

export type PlanFormat = 'txt' | 'md' | 'html' | 'docx' | 'xlsx' | 'csv' | 'pdf';

export interface LoadedDocument {
  /** The plan's file name (basename), as the knowledge base cites it. */
  file: string;
  format: PlanFormat;
  /** Text encoding detected for text formats ('utf-8', 'gb18030', 'utf-16le', …). */
  encoding?: string;
  blocks: Block[];
}

/** Why a file could not be read. One per file; the message names the file and is meant for people. */
export interface LoadWarning {
  file: string;
  code: LoadErrorCode;
  message: string;
}

export type LoadErrorCode =
  | 'unsupported'
  /** A second copy of a plan already loaded (same content): loaded once. */
  | 'duplicate'
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'encoding'
  | 'corrupt'
  | 'no-text'
  | 'unreadable';

export type LoadResult = { ok: true; doc: LoadedDocument } | { ok: false; warning: LoadWarning };

export class LoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}
