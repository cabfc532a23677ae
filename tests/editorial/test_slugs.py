"""Slugs: the one transliteration, truncation at a word, never empty, unique with a suffix."""

import pytest

from editorial.slugs import slugify_ru, transliterate, unique_slug

# Written out independently of the table in slugs.py, so a wrong mapping there fails here.
LETTERS = (
    "а a|б b|в v|г g|д d|е e|ё e|ж zh|з z|и i|й y|к k|л l|м m|н n|о o|п p|р r|с s|т t|у u|ф f|"
    "х kh|ц ts|ч ch|ш sh|щ shch|ы y|э e|ю yu|я ya|ә a|ғ g|қ q|ң ng|ө o|ұ u|ү u|һ h|і i|є ye|ї yi|ґ g|ў u"
)


@pytest.mark.parametrize(("letter", "latin"), [pair.split() for pair in LETTERS.split("|")])
def test_each_letter_small_and_capital(letter, latin):
    assert transliterate(letter) == latin
    assert transliterate(letter.upper()) == latin


def test_hard_and_soft_signs_disappear_inside_a_word():
    assert slugify_ru("Объём подъезда, соль") == "obem-podezda-sol"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Итоги 2025 года: ЕАЭС", "itogi-2025-goda-eaes"),
        ("Café «Алматы» — 7/24", "cafe-almaty-7-24"),
        ("  --Россия--  ", "rossiya"),
        ("Қазақстан және Ресей", "qazaqstan-zhane-resey"),
    ],
)
def test_digits_accents_and_punctuation(title, slug):
    assert slugify_ru(title) == slug


def test_a_long_title_is_cut_at_a_word_boundary_within_the_limit():
    slug = slugify_ru("Всеобъемлющее стратегическое партнерство России и Казахстана", max_length=30)
    # «vseobemlyushchee-strategicheskoe» is 32 letters: the second word does not fit whole.
    assert slug == "vseobemlyushchee"
    assert slugify_ru("Всеобъемлющее стратегическое партнерство", max_length=32) == "vseobemlyushchee-strategicheskoe"


def test_a_title_exactly_at_the_limit_is_kept_whole():
    assert slugify_ru("abc def", max_length=7) == "abc-def"
    assert slugify_ru("abc defg", max_length=7) == "abc"


def test_one_long_word_is_cut_hard_rather_than_emptied():
    assert slugify_ru("Антиконституционность", max_length=10) == "antikonsti"


@pytest.mark.parametrize("text", ["—«»", "", None, "!!!"])
def test_a_text_without_letters_gets_a_stable_hashed_slug(text):
    slug = slugify_ru(text, fallback_prefix="tema")
    assert slug.startswith("tema-") and len(slug) == len("tema-") + 8
    assert slug == slugify_ru(text, fallback_prefix="tema")


def test_different_letterless_texts_get_different_slugs():
    assert slugify_ru("—") != slugify_ru("«»")


def test_unique_slug_adds_the_first_free_number():
    taken = {"itogi", "itogi-2", "itogi-3"}
    assert unique_slug("itogi", taken.__contains__) == "itogi-4"
    assert unique_slug("novoe", taken.__contains__) == "novoe"


def test_unique_slug_keeps_the_limit_and_no_double_hyphen():
    taken = {"abcd-efgh"}
    assert unique_slug("abcd-efgh", taken.__contains__, max_length=9) == "abcd-ef-2"
    assert unique_slug("abcde-fgh", {"abcde-fg"}.__contains__, max_length=8) == "abcde-2"


def test_a_character_without_a_latin_form_separates_words():
    assert transliterate("а—б") == "a b"
    assert transliterate("x№y") == "xnoy"  # NFKD turns № into «No»
    assert slugify_ru("Указ № 5") == "ukaz-no-5"


def test_the_default_limit_is_one_hundred():
    assert slugify_ru("ы" * 150) == "y" * 100
    assert unique_slug("y" * 150, set().__contains__) == "y" * 100
    assert unique_slug("y" * 150, {"y" * 100}.__contains__) == "y" * 98 + "-2"


def test_a_cut_never_keeps_a_word_that_ends_past_the_limit():
    assert slugify_ru("abc defg h", max_length=7) == "abc"
    assert slugify_ru("abc defg h", max_length=8) == "abc-defg"


def test_a_letterless_slug_uses_the_default_prefix_and_no_text_is_no_text():
    assert slugify_ru("—").startswith("item-")
    assert slugify_ru(None) == slugify_ru("")


def test_unique_slug_counts_one_by_one():
    assert unique_slug("a", {"a", "a-2"}.__contains__) == "a-3"
