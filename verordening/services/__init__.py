"""Writes of the verordening app, one module per concept: ``regels`` (rule versions),
``verordening`` (the regulation and its articles), ``samenwerkingsafspraken`` and
``huishoudelijk_reglement`` (its text and its workflow). The admin, commands and tasks all write
through these; each checks a policy, validates, saves with history and audits."""
