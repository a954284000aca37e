"""The URL configuration of development mode (``WEERBAAR_DEBUG=1``, ``make run``): the real one, then a last
route that answers every unknown address with Weerbaar's own 404 page.

Django answers an unknown address in debug mode with its technical 404 page, which lists every URL pattern
(over a hundred), before any middleware or ``handler404`` is asked. ``DevErrorPagesMiddleware`` points a
request at this module instead, so the last route catches it. Reversing is unchanged: the named routes are
the same objects as in ``weerbaar.urls``.
"""

from django.urls import re_path

from weerbaar import urls
from weerbaar.core.views import not_found

urlpatterns = [*urls.urlpatterns, re_path(r"", not_found, name="dev_not_found")]
handler404 = urls.handler404
handler500 = urls.handler500
handler403 = urls.handler403
handler400 = urls.handler400
