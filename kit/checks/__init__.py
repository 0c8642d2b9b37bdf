"""`kit check`: a Decree 30 linter for Word documents. Rules live in one module per family and
register themselves in `registry`; findings are values, never exceptions."""

from .context import CheckContext
from .findings import Finding, Location, Severity
from .registry import RULES, Rule
from .runner import check_document, check_paths

__all__ = ["CheckContext", "Finding", "Location", "Severity", "RULES", "Rule", "check_document", "check_paths"]
