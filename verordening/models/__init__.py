"""Models of the verordening app, one module per concept."""

from .afspraken import HuishoudelijkReglement, Samenwerkingsafspraken
from .regel import Regel
from .verordening import Artikel, Verordening

__all__ = ["Artikel", "HuishoudelijkReglement", "Regel", "Samenwerkingsafspraken", "Verordening"]
