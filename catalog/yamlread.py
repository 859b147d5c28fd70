"""Read YAML into plain Python data while remembering the line of every key and value.

Only what ``yaml.safe_load`` accepts is read (no Python tags). On top of PyYAML this module
refuses duplicate keys in one mapping (PyYAML silently keeps the last one) and stops an alias bomb
after a fixed number of expanded nodes instead of eating memory.

The result is kept apart from the models: :class:`Located` pairs the data with a map from a
*path* (a tuple of keys and list indexes, as pydantic reports them) to a (line, column) position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]

# libyaml's parser keeps line marks and is ~10x faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A catalog file has a few hundred nodes; an alias bomb has billions once expanded.
MAX_NODES = 50_000

_STR_TAG = "tag:yaml.org,2002:str"
_SAFE_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class YamlProblem:
    position: Position
    message: str


@dataclass
class Located:
    """Plain data read from one file plus the position of every path in it."""

    data: Any
    # PyYAML marks, turned into positions only when a problem is reported (most never are)
    positions: dict[Path, Mark] = field(default_factory=dict)
    key_positions: dict[Path, Mark] = field(default_factory=dict)
    bad_paths: set[Path] = field(default_factory=set)  # values the reader already reported
    # what the clerk typed for values YAML did not read as text (``no`` -> False), by path
    raw: dict[Path, str] = field(default_factory=dict)

    def position(self, path: Path) -> Position:
        """The position of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return _position(self.positions[path])
            path = path[:-1]
        return _position(self.positions[()]) if () in self.positions else Position(1, 1)

    def key_position(self, path: Path) -> Position:
        """Where the key of ``path`` is written (for "unknown key" errors), else its value."""
        mark = self.key_positions.get(tuple(path))
        return _position(mark) if mark is not None else self.position(path)


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit


class _TooManyNodes(Exception):
    pass


def _position(mark: Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _pos(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Reader:
    def __init__(self, max_nodes: int) -> None:
        self.budget = _Budget(max_nodes)
        self.problems: list[YamlProblem] = []
        self.located = Located(data=None)
        self._scalar = yaml.SafeLoader("")  # used only for its scalar constructors

    def build(self, node: Node, path: Path) -> Any:
        self.budget.left -= 1
        if self.budget.left < 0:
            raise _TooManyNodes
        self.located.positions[path] = node.start_mark
        if node.tag not in _SAFE_TAGS:
            self.located.bad_paths.add(path)
            self.problems.append(
                YamlProblem(
                    _pos(node),
                    f"Tag YAML '{node.tag}' tidak diizinkan. Hapus tag itu dan tulis nilainya biasa.",
                )
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar_value(node, path)

    def _scalar_value(self, node: ScalarNode, path: Path) -> Any:
        if node.tag == _STR_TAG:
            return node.value  # most values are plain text: no constructor needed
        self.located.raw[path] = node.value
        try:
            return self._scalar.construct_object(node, deep=True)
        except (ConstructorError, ValueError):
            self.located.bad_paths.add(path)
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.problems.append(
                    YamlProblem(
                        _pos(node),
                        f"Tanggal '{node.value}' tidak ada di kalender. "
                        "Tulis tanggal yang benar sebagai TTTT-BB-HH, misalnya 2027-02-01.",
                    )
                )
            else:
                self.problems.append(
                    YamlProblem(_pos(node), f"Nilai '{node.value}' tidak dapat dibaca.")
                )
            return None

    def _mapping(self, node: MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: dict[Any, Mark] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    YamlProblem(
                        _pos(key_node),
                        "Penggabungan '<<:' tidak didukung. Tulis setiap kolom secara lengkap.",
                    )
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.append(
                    YamlProblem(_pos(key_node), "Nama kolom harus berupa teks biasa.")
                )
                continue
            key = key_node.value
            if key in seen:
                first = _position(seen[key])
                self.problems.append(
                    YamlProblem(
                        _pos(key_node),
                        f"Kolom '{key}' ditulis dua kali (pertama di baris {first.line}). "
                        "Hapus salah satunya.",
                    )
                )
                continue
            seen[key] = key_node.start_mark
            child = (*path, key)
            self.located.key_positions[child] = key_node.start_mark
            result[key] = self.build(value_node, child)
        return result


def read_yaml(text: str, *, max_nodes: int = MAX_NODES) -> tuple[Located | None, list[YamlProblem]]:
    """Parse one YAML document. Returns the located data (None when unreadable) and problems."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(text, exc)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly everything
        return None, [YamlProblem(Position(1, 1), f"Berkas YAML tidak dapat dibaca: {exc}")]
    if node is None:
        return None, [
            YamlProblem(Position(1, 1), "Berkas kosong. Isi berkas atau hapus berkasnya.")
        ]
    reader = _Reader(max_nodes)
    try:
        data = reader.build(node, ())
    except _TooManyNodes:
        return None, [
            YamlProblem(
                _pos(node),
                f"Berkas terlalu besar setelah alias (&/*) diuraikan (lebih dari {max_nodes} "
                "nilai). Jangan gunakan alias; tulis nilainya langsung.",
            )
        ]
    reader.located.data = data
    return reader.located, reader.problems


def _syntax_problem(text: str, libyaml_error: yaml.MarkedYAMLError) -> YamlProblem:
    """Parse again with the pure-Python parser, whose messages are more specific than libyaml's.

    The two parsers disagree on a few inputs (libyaml refuses ``{opens:, 2026-11-16}``, the
    pure-Python one reads it); then libyaml's error is the one reported.
    """
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        context = exc.context or ""
        if context.startswith(("while scanning a quoted scalar", "while parsing a flow")):
            # The parser notices only at the end of the file; the clerk's mistake is where the
            # quote or bracket was opened.
            mark = exc.context_mark
            opened = "Tanda kutip" if "quoted" in context else "Kurung [ atau {"
            message = (
                f"Kesalahan penulisan YAML: {opened} di baris ini dibuka tetapi tidak ditutup. "
                "Tutup di akhir nilainya."
            )
        else:
            mark = exc.problem_mark or exc.context_mark
            message = _syntax_message(exc)
            opened = _unbalanced_quote(text, mark.line if mark else 0)
            if opened is not None:
                return YamlProblem(
                    opened,
                    "Kesalahan penulisan YAML: Tanda kutip di baris ini dibuka tetapi tidak "
                    "ditutup. Tutup di akhir nilainya.",
                )
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        return YamlProblem(position, message)
    mark = libyaml_error.problem_mark or libyaml_error.context_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    return YamlProblem(position, _syntax_message(libyaml_error))


def _unbalanced_quote(text: str, last_line: int) -> Position | None:
    """The first line up to ``last_line`` (0-based) with an odd number of double quotes.

    An unclosed quote swallows the following lines until the next quote, so the parser fails
    far below the clerk's mistake; this points back at it.
    """
    for number, line in enumerate(text.splitlines()[: last_line + 1]):
        content = line.split(" #", 1)[0]
        if content.replace('\\"', "").count('"') % 2 == 1:
            return Position(number + 1, content.index('"') + 1)
    return None


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    hints = {
        "found character '\\t' that cannot start any token": (
            "Ada karakter Tab. YAML hanya menerima spasi untuk menjorok; ganti Tab dengan spasi."
        ),
        "found unexpected ':'": (
            "Tanda ':' di tempat yang salah. Jika nilai berisi ':', apit dengan tanda kutip; "
            "di dalam {...} tulis 'nama: nilai' dipisah koma."
        ),
        "mapping values are not allowed here": (
            "Tanda ':' di tempat yang salah. Jika nilai berisi ':', apit dengan tanda kutip, "
            "atau periksa jorokan (indentasi) baris ini."
        ),
        "could not find expected ':'": (
            "Tanda ':' tidak ditemukan. Setiap baris kolom ditulis 'nama: nilai'."
        ),
        "found undefined alias": "Alias (*nama) tidak dikenal. Tulis nilainya langsung.",
    }
    for needle, hint in hints.items():
        if problem.startswith(needle):
            return f"Kesalahan penulisan YAML: {hint}"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return (
            "Kesalahan penulisan YAML: jorokan (indentasi) tidak cocok dengan baris sebelumnya. "
            "Samakan jumlah spasi di awal baris."
        )
    if "found unexpected end of stream" in problem or "unexpected end" in problem:
        return "Kesalahan penulisan YAML: tanda kutip atau kurung tidak ditutup."
    return f"Kesalahan penulisan YAML ({problem or exc}). Periksa baris ini."
