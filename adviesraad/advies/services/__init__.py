"""Every write of the advice workflow. The portal, the admin, the demo seed and tasks call these
functions; none of them writes a model directly.

Each service: checks that ``door`` holds the capability the workflow table names *and* is related
to the request (the object policy: a sitting member, the assigned policy officer, the supporter and
account holder groups), validates, changes state, writes a ``Statuswijziging``, updates the object
grants, and registers e-mail with ``transaction.on_commit`` (``meldingen.py``). ``door=None`` is
the system itself (demo seed, tasks).

One module per concept: ``toegang`` (who is related, object grants), ``aanvraag`` (a request, its
planning, documents and steps), ``versie`` (the report's versions), ``effecten`` (what a step does
after), ``goedkeuring`` (concept and approval round), ``reactie`` (the College's response) and
``publicatie`` (the public register); issue 14: ``bezorging`` (delivery to the College and the
griffie through an outbox), ``reactietermijn`` (receipt and extension of the College's response
period), ``voorlegger`` (the raadsvoorlegger to the griffie) and ``toezegging`` (follow-up of
adopted points).
"""
