import { AlignmentType, ExternalHyperlink, LevelFormat, Paragraph, TextRun, type ILevelsOptions, type ParagraphChild } from 'docx';
import type { ListItem, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { textRuns } from './text-runs';

/** Numbering definitions the paragraphs refer to, to be given to the Document. */
export type NumberingConfig = { reference: string; levels: ILevelsOptions[] };

export type MarkdownParagraphs = { paragraphs: Paragraph[]; numbering: NumberingConfig[] };

type Format = { bold?: boolean; italics?: boolean; style?: string };
// `lists` is shared by every nested context: it collects the numbering the document must define.
type Context = { level: number; quote: number; lists: { numbering: NumberingConfig[]; bullets: boolean } };

const BULLETS = ['\u2022', '\u25E6', '\u25AA'];
export const BULLET_REFERENCE = 'bullets';
const SAFE_LINK = /^(https?:|mailto:)/i;

const indent = (level: number) => ({ left: 720 * (level + 1), hanging: 360 });

export function orderedLevel(level: number, start = 1): ILevelsOptions {
  return { level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, start, alignment: AlignmentType.START, style: { paragraph: { indent: indent(level) } } };
}

function bulletLevels(): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: LevelFormat.BULLET,
    text: BULLETS[level % BULLETS.length],
    alignment: AlignmentType.START,
    style: { paragraph: { indent: indent(level) } },
  }));
}

/**
 * The statement's text as justified Word paragraphs: bold and italic runs, numbered and
 * bulleted lists, links kept as links over their text. Raw HTML is printed as typed, never
 * interpreted; images are left out (the word count leaves them out too).
 */
export function markdownParagraphs(markdown: string): MarkdownParagraphs {
  const lists: Context['lists'] = { numbering: [], bullets: false };
  const paragraphs = fromMarkdown(markdown).children.flatMap((node) => blockParagraphs(node, { level: 0, quote: 0, lists }));
  const numbering = lists.bullets ? [...lists.numbering, { reference: BULLET_REFERENCE, levels: bulletLevels() }] : lists.numbering;
  return { paragraphs, numbering };
}

function blockParagraphs(node: RootContent, context: Context): Paragraph[] {
  const quoteIndent = context.quote ? { indent: { left: 720 * context.quote } } : {};
  switch (node.type) {
    case 'paragraph':
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { after: 240 }, ...quoteIndent, children: inlineChildren(node.children, {}) })];
    case 'heading':
      return [new Paragraph({ keepNext: true, spacing: { before: 120, after: 120 }, ...quoteIndent, children: inlineChildren(node.children, { bold: true }) })];
    case 'code':
    case 'html':
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { after: 240 }, ...quoteIndent, children: lines(node.value, {}) })];
    case 'blockquote':
      return node.children.flatMap((child) => blockParagraphs(child, { ...context, quote: context.quote + 1 }));
    case 'list': {
      let reference = BULLET_REFERENCE;
      if (node.ordered) {
        // Each ordered list is its own numbering, so it restarts at its own first number.
        reference = `ordered-${context.lists.numbering.length + 1}`;
        context.lists.numbering.push({ reference, levels: [orderedLevel(Math.min(context.level, 8), node.start ?? 1)] });
      } else {
        context.lists.bullets = true;
      }
      // A top-level list ends with a paragraph's space after it, so the text that follows stands apart.
      const last = node.children.length - 1;
      return node.children.flatMap((item, index) => itemParagraphs(item, reference, context, context.level === 0 && index === last ? 240 : 120));
    }
    default:
      return [];
  }
}

// The item's first paragraph carries the number or bullet; later ones align under its text.
function itemParagraphs(item: ListItem, reference: string, context: Context, lastAfter: number): Paragraph[] {
  const level = Math.min(context.level, 8);
  const out: Paragraph[] = [];
  item.children.forEach((child, index) => {
    if (child.type === 'list') {
      out.push(...blockParagraphs(child, { ...context, level: context.level + 1 }));
      return;
    }
    if (child.type !== 'paragraph' && child.type !== 'heading') {
      out.push(...blockParagraphs(child, context));
      return;
    }
    const children = inlineChildren(child.children, child.type === 'heading' ? { bold: true } : {});
    const spacing = { after: index === item.children.length - 1 ? lastAfter : 120 };
    out.push(
      index === 0
        ? new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing, numbering: { reference, level }, children })
        : new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing, indent: { left: indent(level).left }, children }),
    );
  });
  return out;
}

function lines(text: string, format: Format): ParagraphChild[] {
  return text.split('\n').flatMap((line, index) => [...(index > 0 ? [new TextRun({ break: 1 })] : []), ...textRuns(line, format)]);
}

function inlineChildren(nodes: PhrasingContent[], format: Format): ParagraphChild[] {
  return nodes.flatMap((node): ParagraphChild[] => {
    switch (node.type) {
      case 'text':
        // A soft line break in the source is a space in the rendered paragraph.
        return textRuns(node.value.replace(/\n/g, ' '), format);
      case 'inlineCode':
      case 'html':
        return textRuns(node.value, format);
      case 'strong':
        return inlineChildren(node.children, { ...format, bold: true });
      case 'emphasis':
        return inlineChildren(node.children, { ...format, italics: true });
      case 'break':
        return [new TextRun({ break: 1 })];
      case 'link': {
        if (!SAFE_LINK.test(node.url)) return inlineChildren(node.children, format);
        const runs = inlineChildren(node.children, { ...format, style: 'Hyperlink' }).filter((child): child is TextRun => child instanceof TextRun);
        return [new ExternalHyperlink({ link: node.url, children: runs })];
      }
      case 'linkReference':
      case 'delete':
        return inlineChildren(node.children, format);
      default:
        return [];
    }
  });
}
