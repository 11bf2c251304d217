"""Writes of the yearly cycle, one module per concept: ``evaluaties`` (records, questions,
results, conclusions, follow-up actions), ``vragenlijst`` (anonymous answers) and ``jaarverslag``
(the annual report PDF, made in Celery)."""
