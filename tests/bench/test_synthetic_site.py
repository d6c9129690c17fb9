"""The benchmark corpus: deterministic, listed in its sitemap, and shaped as its profile says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.synthetic_site import build_site
from extractors.article import extract_article


def _site(root: Path, profile: str) -> dict[str, bytes]:
    paths = build_site(root, 6, profile=profile)
    return {path: (root / path.lstrip("/")).read_bytes() for path in paths}


@pytest.mark.parametrize("profile", ["news", "dense"])
def test_same_seed_same_site_and_every_page_in_the_sitemap(tmp_path: Path, profile: str) -> None:
    first, second = _site(tmp_path / "a", profile), _site(tmp_path / "b", profile)
    assert first == second
    listed = re.findall(r"<loc>\{\{BASE\}\}(\S+?)</loc>", (tmp_path / "a" / "sitemap.xml").read_text(encoding="utf-8"))
    assert listed == list(first)


def test_news_pages_are_heavy_pages_around_an_article(tmp_path: Path) -> None:
    pages = _site(tmp_path, "news")
    assert min(map(len, pages.values())) > 30_000  # an outlet's menus, rails, app state and footer around the story
    for body in pages.values():
        article = extract_article(body)
        assert 500 < len(article.text.split()) < 1400, article.reason
        assert article.title and article.published


def test_unknown_profile_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown corpus profile 'light'"):
        build_site(tmp_path, 1, profile="light")
