"""Original test stories (invented people, real places): one charge reported three ways, and an unrelated arrest."""

from __future__ import annotations

ORIGINAL = (
    "PORTLAND, Ore. — Federal prosecutors on Tuesday charged Tobias Renwick, 34, of Milwaukie with assaulting a "
    "federal officer outside the immigration building on South Macadam Avenue. "
    "According to a criminal complaint, Renwick shoved a Federal Protective Service officer into a concrete planter "
    "while agents were escorting a detained man to a transport van on Monday evening. "
    "The officer was treated for a sprained wrist at a nearby hospital and released the same night. "
    "Renwick made his first appearance before a magistrate judge in Portland on Tuesday afternoon and was released "
    "on conditions that bar him from returning to the facility. "
    "His lawyer, public defender Marisol Quintero, said her client had been pushed from behind by the crowd and "
    "never meant to touch anyone. "
    "The charge carries a maximum sentence of eight years in federal prison. "
    "Demonstrators have gathered outside the building most evenings since September, and prosecutors have now "
    "filed more than a dozen similar cases."
)

REWORDED = (
    "PORTLAND, Ore. (NewsPulse) — A Milwaukie man, Tobias Renwick, 34, was charged by federal prosecutors on "
    "Tuesday with assaulting a federal officer outside the immigration building on South Macadam Avenue. "
    "According to a criminal complaint, Renwick shoved a Federal Protective Service officer into a concrete planter "
    "while agents were escorting a detained man to a transport van on Monday evening. "
    "The officer was treated for a sprained wrist at a nearby hospital and released that night. "
    "Renwick made his first appearance before a magistrate judge in Portland on Tuesday afternoon and was released "
    "on conditions barring him from returning to the facility. "
    "His lawyer, public defender Marisol Quintero, said her client had been pushed from behind by the crowd and "
    "never meant to touch anyone. "
    "If convicted, he faces a maximum sentence of eight years in federal prison. "
    "Protesters have gathered outside the building most evenings since September, and prosecutors have now "
    "filed more than a dozen similar cases."
)

INDEPENDENT = (
    "A Clackamas County man accused of slamming a federal guard into a planter during a scuffle at Portland's ICE "
    "office is out of jail but may not go near the building, a judge ruled. "
    "Tobias Renwick, a 34-year-old warehouse worker, told reporters after his hearing that he was swept forward by "
    "people behind him. "
    "Neighbors of the South Waterfront site say the nightly gatherings have grown louder since late summer."
)

OTHER_ARREST = (
    "PORTLAND, Ore. — A Gresham woman was charged on Tuesday with biting an immigration officer who was arresting "
    "her brother in a grocery store parking lot. "
    "Prosecutors say Wilhelmina Okonkwo-Hart, 29, clamped down on the officer's forearm and refused to let go "
    "until a second agent pulled her away. "
    "She is charged with assaulting a federal officer and is due back in court next week."
)
