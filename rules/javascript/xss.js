import DOMPurify from "dompurify";

export function renderComment(el, comment) {
  // ruleid: javascript-innerhtml-assignment
  el.innerHTML = `<p class="comment">${comment.body}</p>`;
}

export function renderSearch(container) {
  const q = new URLSearchParams(location.search).get("q");
  // ruleid: javascript-innerhtml-assignment
  container.innerHTML += "<h2>Results for " + q + "</h2>";
  // ruleid: javascript-innerhtml-assignment
  document.getElementById("title").outerHTML = q;
}

export function renderCommentSafe(el, comment) {
  // ok: javascript-innerhtml-assignment
  el.textContent = comment.body;
}

export function clear(el) {
  // ok: javascript-innerhtml-assignment
  el.innerHTML = "";
}

export function renderPreview(el, html) {
  // ok: javascript-innerhtml-assignment
  el.innerHTML = DOMPurify.sanitize(html);
}

export function writeBanner() {
  const campaign = new URLSearchParams(location.search).get("utm_campaign");
  // ruleid: javascript-document-write
  document.write("<div class='banner'>" + campaign + "</div>");
}

export function writeReferrer() {
  // ruleid: javascript-document-write
  document.writeln(`<a href="${document.referrer}">Back</a>`);
}

export function writeStatic() {
  // ok: javascript-document-write
  document.write("<noscript>Please enable JavaScript</noscript>");
}

export function appendText(name) {
  const p = document.createElement("p");
  // ok: javascript-document-write
  p.textContent = `Welcome back, ${name}`;
  document.body.append(p);
}

export function addItem(list, item) {
  // ruleid: javascript-insert-adjacent-html
  list.insertAdjacentHTML("beforeend", `<li>${item.name}</li>`);
}

export function addFragment(html) {
  const range = document.createRange();
  // ruleid: javascript-insert-adjacent-html
  document.body.appendChild(range.createContextualFragment(html));
}

export function addItemText(list, item) {
  // ok: javascript-insert-adjacent-html
  list.insertAdjacentText("beforeend", item.name);
}

export function addDivider(list) {
  // ok: javascript-insert-adjacent-html
  list.insertAdjacentHTML("beforeend", "<hr>");
}

export function addItemSanitized(list, item) {
  // ok: javascript-insert-adjacent-html
  list.insertAdjacentHTML("beforeend", DOMPurify.sanitize(`<li>${item.name}</li>`));
}
