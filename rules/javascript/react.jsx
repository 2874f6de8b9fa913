import DOMPurify from "dompurify";
import { marked } from "marked";

export function Bio({ user }) {
  return (
    // ruleid: javascript-react-dangerously-set-inner-html
    <div className="bio" dangerouslySetInnerHTML={{ __html: user.bio }} />
  );
}

export function Post({ post }) {
  const html = marked.parse(post.markdown);
  // ruleid: javascript-react-dangerously-set-inner-html
  const body = <section dangerouslySetInnerHTML={{ __html: html }} />;
  return (
    <article>
      <h1>{post.title}</h1>
      {body}
    </article>
  );
}

export function BioSafe({ user }) {
  return (
    // ok: javascript-react-dangerously-set-inner-html
    <div className="bio" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(user.bio) }} />
  );
}

export function Copyright() {
  return (
    // ok: javascript-react-dangerously-set-inner-html
    <footer dangerouslySetInnerHTML={{ __html: "&copy; 2024 Example Ltd." }} />
  );
}

export function BioText({ user }) {
  return (
    // ok: javascript-react-dangerously-set-inner-html
    <div className="bio">{user.bio}</div>
  );
}
