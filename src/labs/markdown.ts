import MarkdownIt from 'markdown-it';

/**
 * Raw HTML in lab Markdown is escaped, not passed through, and markdown-it refuses
 * `javascript:`/`vbscript:`/`data:` links, so the output is safe to put into the page.
 */
const renderer = new MarkdownIt({ html: false, linkify: true, typographer: true });

export function renderMarkdown(markdown: string): string {
  return renderer.render(markdown);
}
