from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from flask import render_template, render_template_string, request
from markupsafe import Markup

BANNER_HTML = "<div class='banner'>Maintenance tonight</div>"
PAGE_TEMPLATE = "<ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>"


def greeting():
    name = request.args.get("name", "")
    # ruleid: python-flask-markup-dynamic
    return Markup(f"<b>Hello {name}</b>")


def comment_html(comment):
    # ruleid: python-flask-markup-dynamic
    return Markup("<p>" + comment.body + "</p>")


def greeting_safe(name):
    # ok: python-flask-markup-dynamic
    return Markup("<b>{}</b>").format(name)


def banner():
    # ok: python-flask-markup-dynamic
    return Markup(BANNER_HTML)


def hello():
    name = request.args.get("name", "")
    # ruleid: python-render-template-string-dynamic
    return render_template_string(f"<h1>Hello {name}</h1>")


def preview():
    # ruleid: python-render-template-string-dynamic
    return render_template_string(request.form["template"])


def hello_safe():
    # ok: python-render-template-string-dynamic
    return render_template_string("<h1>Hello {{ name }}</h1>", name=request.args.get("name"))


def item_list(items):
    # ok: python-render-template-string-dynamic
    return render_template_string(PAGE_TEMPLATE, items=items)


def profile():
    # ok: python-render-template-string-dynamic
    return render_template("profile.html", name=request.args.get("name"))


def user_link(user):
    # ruleid: python-django-mark-safe-dynamic
    return mark_safe(f'<a href="/users/{user.id}">{user.username}</a>')


def bio_html(profile):
    # ruleid: python-django-mark-safe-dynamic
    return mark_safe("<p>" + profile.bio + "</p>")


def user_link_safe(user):
    # ok: python-django-mark-safe-dynamic
    return format_html('<a href="/users/{}">{}</a>', user.id, user.username)


def escaped_bio(profile):
    # ok: python-django-mark-safe-dynamic
    return mark_safe("<br>")


def escaped_name(user):
    # ok: python-django-mark-safe-dynamic
    return escape(user.username)
