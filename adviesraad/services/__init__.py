"""Every write of the council's membership. The portal, the admin (actions included), the demo
data and the Celery tasks all call these functions, one module per concept:

* ``leden``: a person on the council and their details;
* ``termijnen``: candidacy, nomination, appointment, re-appointment and end of a term;
* ``functies``: chair (ad interim or fixed) and vice-chair;
* ``portefeuilles``: portfolios and the pair that holds each;
* ``verklaringen``: declarations of other roles and their assessment;
* ``werving``: vacancies and candidates;
* ``rollen``: the council roles that follow from terms and functions;
* ``gedeeld``: rules shared by the modules above.

Each service: checks the permission of ``door`` (``None`` is the system itself: tasks, the demo
seed), validates (rules of the verordening asked through ``regels.py``, cited in the message),
changes state through ``core.schrijven`` (``full_clean()``, history reason and acting user),
grants object permissions, and writes an audit line (``core.audit``) for each write and refusal.

Group membership follows terms and functions: after every change to them ``rollen.rollen_bijwerken``
recomputes the council roles (lid, voorzitter, vicevoorzitter) of the person and calls
``accounts.services.raadsrollen_volgen`` (the only way a council role is set; no form can); a
person who loses a council role loses their sessions too.
"""
