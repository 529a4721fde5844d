/**
 * Markdown building blocks shared by the plan summary, the approval summary and the drift issues:
 * inline code and fenced blocks that survive backticks in their content, table cells, and cutting
 * text to a budget at a line boundary.
 */

/** Inline code that survives backticks in the content. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run in the content. */
export function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** Escapes text for a Markdown table cell or HTML summary. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

/** Cuts text to at most `budget` characters at a line boundary; returns the text and the lines cut. */
export function cut(text: string, budget: number): { text: string; cutLines: number } {
  if (text.length <= budget) return { text, cutLines: 0 };
  const kept = text.slice(0, Math.max(0, budget));
  const lastNewline = kept.lastIndexOf('\n');
  const head = lastNewline >= 0 ? kept.slice(0, lastNewline) : '';
  const total = text.split('\n').length;
  const keptLines = head === '' ? 0 : head.split('\n').length;
  return { text: head, cutLines: total - keptLines };
}
