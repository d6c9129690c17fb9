"""Reference data the warehouse shares with the classifier: the event taxonomy and the district list."""

from __future__ import annotations

from pathlib import Path

DISTRICTS_CSV = Path(__file__).resolve().parent.parent / "extractors" / "gazetteer" / "districts.csv"

# The twelve event types of the taxonomy, in its order (the league's column order).
EVENT_TYPES: tuple[str, ...] = (
    "federal_charge", "federal_declination", "case_resolution", "state_action_against_agents", "court_ruling",
    "legislation_policy", "use_of_force", "enforcement_operation", "protest", "threat_of_prosecution", "resignation",
    "civil_lawsuit",
)
