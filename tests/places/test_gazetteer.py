"""The committed gazetteer passes its own validation (facility districts checked against counties)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_gazetteer_validation_passes() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_gazetteer.py"), "--check-only"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
    assert "FAIL" not in done.stdout
