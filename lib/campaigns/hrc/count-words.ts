import type { Nodes, Parents } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * Words in plain text, as Word counts them: whitespace-separated tokens that hold at least one
 * letter or digit. So "well-known" and "e.g." are one word each, a lone "-" or "—" is none, and a
 * zero-width non-joiner inside a Persian word does not split it (it is not whitespace).
 */
export function countTextWords(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/)) if (HAS_WORD.test(token)) words += 1;
  return words;
}

/**
 * Words in Markdown as the reader of the rendered document sees them: the syntax (emphasis
 * markers, `#`, list markers, `>`, link targets, backticks) is not counted, only the text it
 * shows. Parsed with the same CommonMark parser that renders the letter, so the count and
 * the document cannot disagree.
 */
export function countWords(markdown: string): number {
  const blocks: string[] = [];
  collectBlocks(fromMarkdown(markdown), blocks);
  return blocks.reduce((sum, block) => sum + countTextWords(block), 0);
}

// Each block is counted apart, so words in adjacent paragraphs or list items never join.
function collectBlocks(node: Nodes, blocks: string[]): void {
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
    blocks.push(inlineText(node));
    return;
  }
  if (node.type === 'code' || node.type === 'html') {
    blocks.push(node.value);
    return;
  }
  if ('children' in node) for (const child of node.children) collectBlocks(child, blocks);
}

/** The visible text of a block's inline content; images show nothing. */
function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'html':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
    case 'imageReference':
      return '';
    default:
      return 'children' in node ? (node as Parents).children.map((child) => inlineText(child as Nodes)).join('') : '';
  }
}
