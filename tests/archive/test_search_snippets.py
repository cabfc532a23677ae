"""Search snippets: whole words around the matches, the matches highlighted."""

import re

from archive.search import snippet

TEXT = (
    "Вступление о многом и ни о чём, которое длится достаточно долго, чтобы фрагмент пришлось обрезать "
    "где-то в середине широкого абзаца. Суть соглашения заключается в том, что Казахстан и Россия "
    "договорились о совместной энергетике, и это продолжается ещё много слов подряд без остановки вовсе."
)


def words_of(text):
    return set(re.findall(r"\w+", TEXT))


def test_fragments_start_and_end_on_whole_words():
    result = re.sub(r"</?mark>", "", snippet(TEXT, "Казахстан"))
    for fragment in result.split("…"):
        for word in re.findall(r"\w+", fragment):
            assert word in words_of(TEXT), word  # no «шир…» or «…л заключается»
    assert "<mark>Казахстан</mark>" in snippet(TEXT, "Казахстана")


def test_phrase_words_are_highlighted_and_excluded_ones_are_not():
    result = snippet(TEXT, '"совместной энергетике" -Россия')
    assert "<mark>совместной</mark> <mark>энергетике</mark>" in result
    assert "<mark>Россия</mark>" not in result


def test_without_a_match_the_beginning_is_cut_on_a_word():
    result = snippet(TEXT, "Байконур")
    assert result.endswith("…") and result[:-1].split()[-1] in words_of(TEXT)


def numbered(first, last):
    """Filler words «с001 с002 …», five characters each with the space: positions are easy to count."""
    return " ".join(f"с{n:03}" for n in range(first, last + 1))


def test_two_fragments_of_at_most_110_characters_either_side_nearby_matches_in_one():
    text = " ".join(
        [numbered(1, 39), "слово Казахстан", numbered(41, 100), "Казахстане", numbered(101, 110), "Казахстана",
         numbered(111, 200), "Казахстан", numbered(201, 260)]
    )  # fmt: skip
    assert snippet(text, "Казахстан") == (
        f"…{numbered(20, 39)} слово <mark>Казахстан</mark> {numbered(41, 62)}… "  # с019 would make 111 characters
        f"…{numbered(79, 100)} <mark>Казахстане</mark> {numbered(101, 110)} <mark>Казахстана</mark> {numbered(111, 132)}…"
    )  # the fourth match is past the two fragments


def test_a_match_at_either_end_of_the_text_has_no_ellipsis_there():
    assert snippet(f"Казахстан {numbered(1, 60)}", "Казахстан") == f"<mark>Казахстан</mark> {numbered(1, 22)}…"
    assert snippet(f"{numbered(1, 60)} Казахстан", "Казахстан") == f"…{numbered(39, 60)} <mark>Казахстан</mark>"
    assert snippet("Казахстан и Россия", "Казахстан") == "<mark>Казахстан</mark> и Россия"


def test_a_word_inside_a_long_link_is_shown_alone_rather_than_cut_links():
    text = f"Читайте: https://example.org/{'x' * 120}/Казахстан/{'y' * 120} и далее"
    assert snippet(text, "Казахстан") == "…<mark>Казахстан</mark>…"


def test_without_a_match_the_beginning_is_shown_up_to_220_characters():
    assert snippet("Короткий текст.", "Байконур") == "Короткий текст."
    assert snippet(numbered(1, 60), "Байконур") == numbered(1, 44) + "…"
    link = "https://example.org/" + "x" * 300  # no space to cut at: cut at 220
    assert snippet(link, "Байконур") == link[:220] + "…"


def test_the_text_is_escaped_and_no_words_or_no_text_give_no_snippet():
    assert snippet("<b>Казахстан</b> & Россия", "Казахстан") == "&lt;b&gt;<mark>Казахстан</mark>&lt;/b&gt; &amp; Россия"
    assert snippet(TEXT, "«» —") == ""
    assert snippet("", "Казахстан") == ""
