"""Pure functions from HTML to text and metadata, and from text to places, districts and events."""

from extractors.article import extract_article
from extractors.classify import CLASSIFIER_VERSION, classify

__all__ = ["CLASSIFIER_VERSION", "classify", "extract_article"]
