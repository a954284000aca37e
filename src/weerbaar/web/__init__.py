"""The shared web and API layer: the building blocks every app's views and API endpoints use, each once.

- ``api``: the staff case endpoint (``StaffCaseView``), the office holder's endpoint (``OfficeHolderView``, bearer
  token), page-number pagination, the path parameters and error codes of both sides, choice fields.
- ``forms``: the form mixin (NL Design System classes, domain errors shown on the form) and the status of a page
  that comes back with a domain error.
- ``http``: ``no_store`` for pages and files no cache may keep (Django and DRF responses alike).
- ``pages``: pagination of workspace lists, and the office holder's pages of "Mijn zaak".
- ``office_holders``: how the office holder is known (the follow-up session store is intake's; intake plugs it in).

Dependency rule: ``web`` imports ``core`` and ``accounts`` (the policy) only; feature apps import ``web``, never the
reverse. What a feature app owns reaches ``web`` through a registry filled in that app's ``AppConfig.ready()``.
"""
