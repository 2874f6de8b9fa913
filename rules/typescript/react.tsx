import DOMPurify from "dompurify";
import type { ReactElement } from "react";

interface Props {
  html: string;
  title: string;
}

export function Article({ html, title }: Props): ReactElement {
  return (
    // ruleid: typescript-react-dangerously-set-inner-html
    <article title={title} dangerouslySetInnerHTML={{ __html: html }} />
  );
}

export function Snippet<T extends { markup: string }>({ item }: { item: T }): ReactElement {
  // ruleid: typescript-react-dangerously-set-inner-html
  const content = { __html: item.markup as string };
  return <div dangerouslySetInnerHTML={content} />;
}

export function ArticleSafe({ html, title }: Props): ReactElement {
  return (
    // ok: typescript-react-dangerously-set-inner-html
    <article title={title} dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />
  );
}

export function Legal(): ReactElement {
  return (
    // ok: typescript-react-dangerously-set-inner-html
    <small dangerouslySetInnerHTML={{ __html: "&copy; Example Ltd." }} />
  );
}

export function Title({ title }: Props): ReactElement {
  return (
    // ok: typescript-react-dangerously-set-inner-html
    <h1 className="title">{title}</h1>
  );
}
