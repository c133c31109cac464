"""Where journeysite's generated pages and files are published: every fixed path, declared once.

publish/pages.py creates the pages and files at these paths; the views link to them. Views import
nothing above the content layer, so the paths live here, below both, instead of in one view.
"""

from __future__ import annotations

STAKEHOLDERS_INDEX_URI = "stakeholders/index.md"
STAKEHOLDER_KINDS_FOLDER = "stakeholders/kind"
"""Index pages of stakeholder kinds when a large portfolio groups them (views/grouping.py)."""
MATRIX_URI = "ownership/index.md"
MATRIX_PARTS_FOLDER = "ownership/matrix"
"""Pages of the ownership matrix by journey title when it is too long for one page."""
CSV_URI = "ownership/ownership.csv"
JSON_URI = "ownership/ownership.json"
PORTAL_JSON_URI = "portal.json"
PORTFOLIO_FOLDER = "portfolio"


def owner_page_uri(stakeholder_id: str) -> str:
    """`ownership/<id>.md`; the id `index` would collide with the matrix, so it gets `_index`."""
    return f"ownership/{'_index' if stakeholder_id == 'index' else stakeholder_id}.md"


LIFECYCLE_URI = "lifecycle/index.md"
OPPORTUNITIES_URI = "opportunities/index.md"
SOLUTIONS_URI = "solutions/index.md"
"""Journey management (views/lifecycle.py, opportunities.py, solutions.py): each exists only when
the portal has a framework, opportunities or solutions, so other portals keep their pages."""
