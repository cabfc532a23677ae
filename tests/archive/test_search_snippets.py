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
