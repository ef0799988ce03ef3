import mammoth from 'mammoth';
import { LoadError, type LoadedDocument } from './document.ts';
import { htmlToBlocks } from './html-blocks.ts';
import { oneLine } from './load-errors.ts';

/**
 * Word via mammoth's HTML output, so tables keep their structure and vertically merged cells
 * (w:vMerge) arrive as rowspan for the shared HTML code to repeat down the column.
 */
export async function loadDocx(file: string, bytes: Buffer): Promise<LoadedDocument> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: bytes }, { convertImage: skipImages });
    html = result.value;
  } catch (err) {
    throw new LoadError('corrupt', `文件已损坏或不是有效的 Word 文档，无法读取 (corrupt .docx: ${oneLine(err)})`);
  }
  return { file, format: 'docx', blocks: htmlToBlocks(html) };
}

/** Images carry no text we can use; dropping them saves base64-encoding every picture into the HTML. */
const skipImages = mammoth.images.imgElement(async () => ({ src: '' }));
