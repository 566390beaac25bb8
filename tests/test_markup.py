"""Markdown and HTML: only prose is checked and changed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.api import check_path, fix_path
from cleaner.markup import complement, html, markdown, suppress

DEFECT = "bad\u200btext   "  # a zero-width space and trailing blanks


def test_complement_merges_and_fills_gaps() -> None:
    assert complement([(5, 8), (2, 4), (3, 6)], 10) == ((0, 2), (8, 10))
    assert complement([], 3) == ((0, 3),)


def test_markdown_protects_code_front_matter_links_and_shortcodes() -> None:
    text = (
        '---\ntitle: A  \n---\n# Head\n\nSee `x\u200by` and [link](http://e.x/a\u200bb.png) {{< fig src="a\u200b.png" >}}.\n\n'
        "```\ncode\u200b   \n```\n\n<div>\u200b</div>\n"
    )
    ranges = markdown.prose(text)

    def in_prose(sub: str) -> bool:
        i = text.index(sub)
        return any(a <= i and i + len(sub) <= b for a, b in ranges)

    assert in_prose("# Head") and in_prose("See ") and in_prose("[link")
    for protected in ("title: A", "`x\u200by`", "(http://e.x/a\u200bb.png)", "{{< fig", "code\u200b", "<div>"):
        assert not in_prose(protected), protected


def test_markdown_file_fix_touches_prose_only(tmp_path: Path) -> None:
    p = tmp_path / "post.md"
    text = f"---\ntitle: Post\ndraft: true   \n---\n\n{DEFECT}\n\n```python\nx = '{DEFECT}'\n```\n\nInline `{DEFECT}` code.\n"
    p.write_text(text, encoding="utf-8")
    fix_path(p)
    out = p.read_text(encoding="utf-8")
    assert out == text.replace(f"\n{DEFECT}\n\n```", "\nbadtext\n\n```")


def test_suppression_comments() -> None:
    text = "a\n<!-- cleaner: disable=WSP001 -->\nb  \n<!-- cleaner: enable -->\nc   \n"
    regs = suppress.regions(text)
    assert len(regs) == 1
    assert suppress.suppressed("WSP001", text.index("b  "), text.index("b  ") + 3, regs)
    assert not suppress.suppressed("UNI002", text.index("b  "), text.index("b  ") + 3, regs)


def test_suppression_in_a_markdown_file(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(
        "x\n\n<!-- cleaner: disable=WSP001 -->\nkept trailing   \n<!-- cleaner: enable -->\n\nfixed trailing   \n", encoding="utf-8"
    )
    codes = [(f.code, f.start) for f in check_path(p).findings]
    assert len(codes) == 1 and codes[0][0] == "WSP001"


def test_html_text_nodes_only(tmp_path: Path) -> None:
    page = (
        "<!doctype html>\n<html><head><title>T</title><style>p { color: red; }</style></head>\n"
        '<body><p class="x\u200by">Hel\u200bberg said &amp; left.</p>\n'
        "<script>var s = 'a\u200bb';</script>\n<pre>keep\u200bthis</pre></body></html>\n"
    )
    ranges = html.prose(page)
    texts = [page[a:b] for a, b in ranges]
    assert "Hel\u200bberg said " in texts and not any("var s" in t for t in texts)
    p = tmp_path / "page.html"
    p.write_text(page, encoding="utf-8")
    fix_path(p)
    assert p.read_text(encoding="utf-8") == page.replace("Hel\u200bberg", "Helberg")


_words = st.sampled_from(["alpha", "beta", "gamma", "tin tức", "خبر", DEFECT])


@st.composite
def markdown_docs(draw: st.DrawFn) -> str:
    blocks = []
    if draw(st.booleans()):
        blocks.append(f"---\ntitle: {draw(_words)}\ntags: [a, b]   \n---")
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["para", "heading", "code", "list", "link", "inline"]))
        words = " ".join(draw(st.lists(_words, min_size=1, max_size=4)))
        if kind == "para":
            blocks.append(words)
        elif kind == "heading":
            blocks.append(f"## {words}")
        elif kind == "code":
            blocks.append(f"```\n{words}\n{DEFECT}\n```")
        elif kind == "list":
            blocks.append(f"- {words}\n- {DEFECT}item")
        elif kind == "link":
            blocks.append(f"[{words}](https://example.org/{DEFECT.strip()}.png) ![img](img/{DEFECT.strip()}.jpg)")
        else:
            blocks.append(f"Use `{DEFECT}` here.")
    return "\n\n".join(blocks) + "\n"


def _protected_text(text: str) -> list[str]:
    return [text[a:b] for a, b in sorted(markdown.protected_ranges(text)) if b > a]


@settings(max_examples=80, deadline=None)
@given(markdown_docs())
def test_fix_never_changes_markdown_outside_prose(tmp_path_factory, doc: str) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path_factory.mktemp("md") / "doc.md"
    p.write_text(doc, encoding="utf-8")
    before = _protected_text(doc)
    fix_path(p)
    after = _protected_text(p.read_text(encoding="utf-8"))
    assert after == before


def test_hugo_toml_front_matter_is_protected() -> None:
    text = '+++\ntitle = "x"   \n+++\n\nBody   \n'
    ranges = markdown.prose(text)
    assert all(b <= text.index("Body") - 1 or a >= text.index("+++\n\n") + 4 for a, b in ranges)
    assert any(a <= text.index("Body") < b for a, b in ranges)


def test_front_matter_prose_fields_when_configured(tmp_path: Path) -> None:
    (tmp_path / "cleaner.toml").write_text('front-matter-fields = ["title", "description"]\n', encoding="utf-8")
    p = tmp_path / "post.md"
    p.write_text(
        '---\ntitle: "Hel\u200bberg visits Hanoi"\nslug: hel\u200bberg\ndescription: Short\u200b text\n---\n\nBody.\n', encoding="utf-8"
    )
    fix_path(p)
    assert (
        p.read_text(encoding="utf-8") == '---\ntitle: "Helberg visits Hanoi"\nslug: hel\u200bberg\ndescription: Short text\n---\n\nBody.\n'
    )
    other = tmp_path / "sub"
    other.mkdir()
    (other / "cleaner.toml").write_text("", encoding="utf-8")
    q = other / "post.md"
    q.write_text('---\ntitle: "Hel\u200bberg"\n---\n\nBody.\n', encoding="utf-8")
    from cleaner.config import clear_cache

    clear_cache()
    fix_path(q)
    assert "Hel\u200bberg" in q.read_text(encoding="utf-8")  # not asked: front matter untouched
