"""arXiv identifiers: new-style (``1706.03762``) and old-style (``cs.LG/0601001``), with an
optional ``arxiv:`` or OAI prefix and version suffix. Shared by the arXiv reader and the
OpenAlex reader (which finds a work's arXiv id in its locations)."""

import re

_NEW_ID = r"\d{4}\.\d{4,5}"
_OLD_ID = r"[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?/\d{7}"
# Group 1: the bare identifier (no prefix, no version).
ARXIV_ID = re.compile(
    rf"^(?:arxiv:|oai:arxiv\.org:)?({_NEW_ID}|{_OLD_ID})(?:v\d+)?$", re.IGNORECASE
)
