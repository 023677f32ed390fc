"""Reading YAML the quick way (``_build``) gives what PyYAML's own path gives.

``generator.load._parse_yaml`` builds the data and records positions in one
pass over libyaml's nodes for the plain mappings, lists and scalars content
files hold, and leaves anything else to ``_walk`` and PyYAML's constructor.
Both must give the same data, positions, key positions and reports, or the
same error, on ordinary and on hostile YAML.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from generator import load
from generator.diagnostics import Diagnostics

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _read(text: str, offset: int = 0) -> str:
    doc = load.SourceDocument(path=Path("x.yml"), display_path="x.yml", data={})
    diagnostics = Diagnostics()
    try:
        data = load._parse_yaml(text, offset, doc, diagnostics)
    except Exception as exc:  # the same exception, if any, is part of the result
        data = ("raised", type(exc).__name__, str(exc))
    if data is load._NO_DATA:
        data = "no data"
    # repr keeps types apart (1 and True, '1' and 1, a date and a datetime).
    return repr((data, list(doc.positions.items()), list(doc.key_positions.items()),
                 [str(item) for item in diagnostics.items]))


def _both(text: str, offset: int, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    quick = _read(text, offset)

    def unusual(*args, **kwargs):
        raise load._Unusual

    with monkeypatch.context() as patch:
        patch.setattr(load, "_build", unusual)
        return quick, _read(text, offset)


HOSTILE = [
    "a: 1\nb: [1, 2, {c: d}]\n", "a: 1\na: 2\n", "a:\n  x: 1\n  x: 2\na: 3\n",
    "<<: {a: 1}\nb: 2\n", "=: x\n", "a: !!set {x, y}\n", "a: !!binary aGVsbG8=\n", "a: !foo x\n",
    "? [a, b]\n: c\n", "? {a: 1}\n: c\n", "d: 2025-02-30\n", "d: 2025-02-28\n",
    "n: " + "9" * 5000 + "\n", "yes: 1\nno: 2\n1: x\n1.5: y\n~: z\n2024-01-01: w\n",
    "a: 1e999\nb: .nan\nc: 0x1F\nd: 0o17\ne: 1_000\nf: -.inf\ng: 0b101\nh: 1:30\n",
    "", "---\n", "# only a comment\n", "[1, 2]\n", "just text\n", "a: |\n  text\n  more\n",
    "a: !!str 12\nb: !!int '12'\n", "a: !!int x\n", "a: !!float nope\n", "a: !!omap [{x: 1}]\n",
    "a: !!pairs [{x: 1}]\n", "a: " + "[" * 3000 + "]" * 3000 + "\n",
    "a: " + "{b: " * 1500 + "1" + "}" * 1500 + "\n", "a: 1\n---\nb: 2\n", "a: b: c\n", "a: [1,\n",
    "\t a: 1\n", "a: \x07\n", "a: !!timestamp 2025-13-01\n", "a: !!null ''\nb: !!bool yes\n",
    "x: {? a}\n", "a: &x 1\nb: *x\n", "a: !!map {b: 1}\nc: !!seq [1]\n", "!!map {a: 1}\n",
    "? !!str a\n: 1\n", "a: 2001-12-14t21:59:43.10-05:00\n", "'a': 1\n\"a\": 2\n",
    "a:\n- 1\n- b: 2\n  b: 3\n", "a: {b: 1, b: 2}\n", "[a, {b: 1}, [c]]\n", "a: !!python/name:os.system\n",
    "a: 'unterminated\n", "a: \"\\u00e9\"\n", "\ufeffa: 1\n", "a: 1 # comment\n#\nb:\n",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_yaml_reads_the_same_both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    quick, reference = _both(text, 3, monkeypatch)
    assert quick == reference


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.dates(), st.datetimes(timezones=st.none() | st.just(datetime.timezone.utc)),
    st.text(max_size=12), st.sampled_from(["yes", "No", "~", "null", "1_000", "0x1F", "2025-02-30",
                                           ".inf", "12:30", "", "- a", "a: b", "#", "&a", "*a"]),
)
KEYS = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.sampled_from(["<<", "=", "a"]))
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(KEYS, inner, max_size=4), max_leaves=20)


@SETTINGS
@given(data=DATA, flow=st.sampled_from([None, True, False]), unicode=st.booleans(),
       offset=st.integers(min_value=0, max_value=5))
def test_dumped_data_reads_the_same_both_ways(data, flow, unicode, offset) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode)
    with pytest.MonkeyPatch.context() as monkeypatch:
        quick, reference = _both(text, offset, monkeypatch)
    assert quick == reference


FRAGMENTS = ["a", "b", ":", ": ", "\n", "  ", "- ", "[", "]", "{", "}", ", ", "? ", "<<: ", "=: ",
             "!!set ", "!!str ", "!!int ", "!x ", "&a ", "*a", "'", '"', "#", "|", ">", "1", "2025-01-31",
             "yes", "~", "\t", "...", "---", "é", "\x00", "%YAML 1.1\n"]


@SETTINGS
@given(text=st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_yaml_like_text_reads_the_same_both_ways(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        quick, reference = _both(text, 1, monkeypatch)
    assert quick == reference


def test_content_files_take_the_quick_way(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(*args, **kwargs):
        raise AssertionError("PyYAML's constructor")

    monkeypatch.setattr(load, "_walk", unexpected)
    root = Path(__file__).parent.parent / "content"
    for path in sorted(root.rglob("*.yml")):
        assert load._parse_yaml(path.read_text(encoding="utf-8"), 0,
                                load.SourceDocument(path=path, display_path=path.name, data={}),
                                Diagnostics()) is not load._NO_DATA
