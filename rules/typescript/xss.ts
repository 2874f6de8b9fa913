import { Component, Input, SecurityContext } from "@angular/core";
import { DomSanitizer, type SafeHtml, type SafeResourceUrl } from "@angular/platform-browser";
import DOMPurify from "dompurify";
import escapeHtml from "escape-html";
import type { Request, Response } from "express";

export function search(req: Request, res: Response): void {
  // ruleid: typescript-express-reflected-xss
  res.send(`<h1>Results for ${req.query.q}</h1>`);
}

export function notFound(req: Request, res: Response): void {
  // ruleid: typescript-express-reflected-xss
  res.status(404).send("User " + req.params.id + " not found");
}

export function searchSafe(req: Request, res: Response): void {
  // ok: typescript-express-reflected-xss
  res.send(`<h1>Results for ${escapeHtml(String(req.query.q))}</h1>`);
}

export function notFoundJson(req: Request, res: Response): void {
  // ok: typescript-express-reflected-xss
  res.status(404).json({ error: "not_found", id: req.params.id });
}

export function echo(req: Request, res: Response): void {
  // ok: typescript-express-reflected-xss
  res.send({ received: req.body });
}

@Component({ selector: "app-comment", template: `<div [innerHTML]="html"></div>` })
export class CommentComponent {
  html: SafeHtml = "";
  video: SafeResourceUrl = "";

  constructor(private readonly sanitizer: DomSanitizer) {}

  @Input() set body(value: string) {
    // ruleid: typescript-angular-bypass-security-trust
    this.html = this.sanitizer.bypassSecurityTrustHtml(value);
  }

  @Input() set videoId(id: string) {
    // ruleid: typescript-angular-bypass-security-trust
    this.video = this.sanitizer.bypassSecurityTrustResourceUrl(`https://www.youtube.com/embed/${id}`);
  }

  setSanitized(value: string): void {
    // ok: typescript-angular-bypass-security-trust
    this.html = this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(value));
  }

  setPlain(value: string): void {
    // ok: typescript-angular-bypass-security-trust
    this.html = this.sanitizer.sanitize(SecurityContext.HTML, value) ?? "";
  }
}
