"""What the bench modules share: where the repository is, the seed, the volumes, the log."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
os.environ["DJANGO_SETTINGS_MODULE"] = "hengelo_participatie.settings_bench"
SEED = 16
#: About ten years of a council (10x). 1x is a tenth of each.
VOLUMES_10X = {"aanvragen": 600, "vergaderingen": 400, "activiteiten": 500, "outbox": 100_000}
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def log(msg: str) -> None:
    print(
        f"[bench {time.strftime('%H:%M:%S', time.gmtime())} UTC] {msg}", file=sys.stderr, flush=True
    )
