"""Thin portal views of meetings: a selector reads, a service writes, a template shows.

A meeting the user may not see is a 404 (no oracle); so is a keeper's page for someone who does
not keep the records. Irreversible steps (sending the invitation, approving minutes) first show a
confirmation page; the POST of that page does it. One module per concept: ``inzien`` (what every
participant sees and does), ``voorbereiden`` (planning: participants, agenda, documents,
invitation), ``verslag`` (after the meeting: attendance, minutes, actions, decisions).
"""
