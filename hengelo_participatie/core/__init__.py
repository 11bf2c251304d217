"""Project glue that every app may use and that knows no app: the write toolkit
(``schrijven``), the audit trail (``audit``), the workflow shape (``workflow``), the admin's shared
behaviour (``beheer``, ``admin_keuzes``), the form glue (``formulieren``) and the URL and query
parameter guards (``converters``, ``queryparams``). It imports no domain app (checked by
``lint-imports``)."""
