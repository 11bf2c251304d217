"""Admin of the participatiemix, for the account holder. Thin: writes go through services.

One module per concept; importing them registers their admin classes with the admin site.
"""

from . import activiteit, enquete, jaarplan, opbrengst, referentie, terugkoppeling  # noqa: F401
