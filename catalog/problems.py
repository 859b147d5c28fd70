"""A problem found in the data, pointing at a file and line, and its two output formats."""

from __future__ import annotations

from dataclasses import dataclass

from catalog.models import Severity


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repository root, with forward slashes
    line: int
    column: int
    message: str  # Indonesian, says what to change
    severity: Severity = "error"

    def format_text(self) -> str:
        prefix = "" if self.severity == "error" else "peringatan: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so a pull request shows it on the changed line."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace(",", "%2C").replace(":", "%3A")
        return f"::{self.severity} file={path},line={self.line},col={self.column}::{message}"
