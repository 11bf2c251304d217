"""Writes of the participatiemix. Views, the admin, the demo and tasks all come through here.

Each service: checks the permission (``door``; ``None`` is the system itself: demo, migrations,
tasks), validates with ``full_clean``, changes state, records a history reason, grants object
permissions, writes an audit line (also for a refusal), and registers side effects with
``transaction.on_commit``. Errors are ``ValidationError`` in Dutch, naming the rule they enforce.

* ``toewijzing``: who may be chosen as moderator, responsible official, listener.
* ``activiteiten``: an activity, its listening delegation, its status and its Spelregel answers.
* ``inbreng``: what an activity yielded: the moderator's report, findings and their use.
* ``terugkoppelingen``: the feedback to participants.
* ``jaarplan``: the yearly plan of planned instruments.
* ``meeluisteren``: the activity a listening delegation of the council goes to.
* ``rapportage`` / ``rapportage_maken``: the yearly report PDF (requested; made by the task).
"""
