"""``{% errortitle %}…{% enderrortitle %}``: "Fout:" before a page's title when a form on it came back with errors.

The one error pattern (issue 11) puts "Fout:" first in the title, so a screen reader and the browser's tab say at
once that the page came back with a problem. Pages said so each in their own title block, and many forgot; the
base template wraps the title block in this tag, which adds the prefix whenever a bound form in the context has
errors (a page that already says it is left alone, and a page with errors that are not a form's still says so in
its own block).
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.translation import gettext

register = template.Library()


def form_with_errors(context: template.Context) -> bool:
    """Is there a bound form with errors anywhere in the context?"""
    for layer in context.dicts:
        for value in layer.values():
            if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
                return True
    return False


class ErrorTitleNode(template.Node):
    def __init__(self, nodelist: Any) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        title = self.nodelist.render(context).strip()
        prefix = gettext("Fout:")
        if form_with_errors(context) and not title.startswith(prefix):
            return f"{prefix} {title}"
        return title


@register.tag
def errortitle(parser: template.base.Parser, token: template.base.Token) -> ErrorTitleNode:
    nodelist = parser.parse(("enderrortitle",))
    parser.delete_first_token()
    return ErrorTitleNode(nodelist)
