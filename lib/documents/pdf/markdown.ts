import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

export type InlineRun = { text: string; bold: boolean; italic: boolean };

/** One printable block of the letter: what the PDF lays out, whatever Markdown made it. */
export type TextBlock =
  | { kind: 'paragraph'; runs: InlineRun[]; marker: string | null; depth: number; quote: boolean }
  | { kind: 'heading'; runs: InlineRun[]; level: number }
  | { kind: 'rule' };

/**
 * The letter's Markdown as blocks: paragraphs, headings, lists (nested by depth), block
 * quotes, bold and italic. Raw HTML is dropped, as on the letter's web page; links print
 * their text and, when it differs, their address.
 */
export function markdownBlocks(markdown: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  const walk = (nodes: RootContent[], depth: number, quote: boolean) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'paragraph':
          blocks.push({ kind: 'paragraph', runs: inlineRuns(node.children), marker: null, depth, quote });
          break;
        case 'heading':
          blocks.push({ kind: 'heading', runs: inlineRuns(node.children), level: node.depth });
          break;
        case 'thematicBreak':
          blocks.push({ kind: 'rule' });
          break;
        case 'blockquote':
          walk(node.children, depth, true);
          break;
        case 'code':
          blocks.push({ kind: 'paragraph', runs: [{ text: node.value, bold: false, italic: false }], marker: null, depth, quote });
          break;
        case 'list': {
          let number = node.start ?? 1;
          for (const item of node.children) {
            const marker = node.ordered ? `${number++}.` : '•';
            const first = blocks.length;
            walk(item.children, depth + 1, quote);
            const head = blocks[first];
            if (head && head.kind === 'paragraph') head.marker = marker;
            else blocks.splice(first, 0, { kind: 'paragraph', runs: [], marker, depth: depth + 1, quote });
          }
          break;
        }
        default:
          break;
      }
    }
  };
  walk(fromMarkdown(markdown).children, 0, false);
  return blocks;
}

function inlineRuns(nodes: PhrasingContent[], bold = false, italic = false): InlineRun[] {
  const runs: InlineRun[] = [];
  const push = (text: string) => {
    const last = runs[runs.length - 1];
    if (last && last.bold === bold && last.italic === italic) last.text += text;
    else runs.push({ text, bold, italic });
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        push(node.value.replace(/\n/g, ' '));
        break;
      case 'break':
        push('\n');
        break;
      case 'strong':
        runs.push(...inlineRuns(node.children, true, italic));
        break;
      case 'emphasis':
        runs.push(...inlineRuns(node.children, bold, true));
        break;
      case 'link': {
        runs.push(...inlineRuns(node.children, bold, italic));
        const text = plainText(node);
        if (/^(https?:|mailto:)/i.test(node.url) && text !== node.url && `mailto:${text}` !== node.url) push(` (${node.url.replace(/^mailto:/i, '')})`);
        break;
      }
      case 'image':
        if (node.alt) push(node.alt);
        break;
      case 'linkReference':
        runs.push(...inlineRuns(node.children, bold, italic));
        break;
      default:
        break;
    }
  }
  return runs;
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}
