"""Whatever a clerk's keyboard does to a file, the checker answers with lines and Indonesian
messages, never a traceback or pydantic's English."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.load import load_catalog
from tests.sample_data import CENTER_YML, COURSE_YML, TODAY, write_courses

NOISE = list(":-#\t \"'[]{}&*!|>%@`,?\n") + ["x", "0", "2.000", "yes", "~", "é"]


@st.composite
def mangled(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["delete-char", "insert", "drop-line", "repeat-line"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        j = draw(st.integers(0, max(len(line) - 1, 0)))
        if action == "delete-char" and line:
            lines[i] = line[:j] + line[j + 1 :]
        elif action == "insert":
            lines[i] = line[:j] + draw(st.sampled_from(NOISE)) + line[j:]
        elif action == "drop-line" and len(lines) > 1:
            del lines[i]
        else:
            lines.insert(i, line)
    return "".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(course=mangled(COURSE_YML), center=mangled(CENTER_YML))
def test_any_mangled_file_gets_located_indonesian_messages(course: str, center: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_courses(root, course=course, center=center)
        result = load_catalog(root / "courses", today=TODAY, base=root)
    for problem in result.problems:
        assert problem.path.startswith("courses/blk-contoh/")
        assert problem.line >= 1 and problem.column >= 1
        for english in ("Input should", "Value error", "Field required", "Traceback"):
            assert english not in problem.message, problem.format_text()
    if result.catalog is None:
        assert result.errors, "a refused catalog must say why"
