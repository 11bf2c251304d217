"""Every write of meetings and attendance, one module per concept. The portal, the admin and the
demo seed call these functions; none of them writes a model directly.

Each service: checks that ``door`` may do it (``policies.py``: the keepers of the records, or the
participant themself for their own RSVP), validates (``full_clean``), writes with a history
reason, updates the object grants on the meeting's files, and puts notices in the outbox of the
reminder engine in the same transaction. ``door=None`` is the system itself (demo seed, tasks).
"""
