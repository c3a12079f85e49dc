import { Typography } from 'antd';
import type { ReactNode } from 'react';

type Block = { kind: 'h1' | 'h2' | 'h3' | 'p'; text: string };

/** The little Markdown the article uses: `#`/`##`/`###` headings and paragraphs (blank-line separated). */
export function parseMarkdown(md: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'p', text: para.join('') });
    para = [];
  };
  for (const raw of md.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]?.length ?? 1;
      blocks.push({ kind: level === 1 ? 'h1' : level === 2 ? 'h2' : 'h3', text: heading[2] ?? '' });
    } else if (line === '') {
      flush();
    } else {
      para.push(line);
    }
  }
  flush();
  return blocks;
}

/** `**bold**` inside a line; everything else is plain text (React escapes it). */
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, i) =>
    part.startsWith('**') && part.endsWith('**') && part.length > 4 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: static split of one string
      <strong key={i}>{part.slice(2, -2)}</strong>
    ) : (
      part
    ),
  );
}

export function MarkdownPreview({ source }: { source: string }) {
  const blocks = parseMarkdown(source);
  return (
    <Typography data-testid="article-preview" style={{ fontSize: 15, lineHeight: 1.9 }}>
      {blocks.map((b, i) => {
        const key = `${i}-${b.kind}`;
        if (b.kind === 'h1')
          return (
            <Typography.Title key={key} level={3} style={{ textAlign: 'center' }}>
              {inline(b.text)}
            </Typography.Title>
          );
        if (b.kind === 'h2')
          return (
            <Typography.Title key={key} level={4} style={{ color: '#c8161d' }}>
              {inline(b.text)}
            </Typography.Title>
          );
        if (b.kind === 'h3')
          return (
            <Typography.Title key={key} level={5}>
              {inline(b.text)}
            </Typography.Title>
          );
        if (i > 0 && blocks[i - 1]?.kind === 'h1' && b.text.length <= 40)
          return (
            <Typography.Paragraph key={key} type="secondary" style={{ textAlign: 'center' }}>
              {inline(b.text)}
            </Typography.Paragraph>
          );
        return (
          <Typography.Paragraph key={key} style={{ textIndent: '2em' }}>
            {inline(b.text)}
          </Typography.Paragraph>
        );
      })}
    </Typography>
  );
}
