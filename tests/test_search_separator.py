"""The search separator comes from two plain lists in macros/search_separator.py: the punctuation that
ends a word and the small words a search drops. mkdocs.yml reads the pattern built from them."""

from __future__ import annotations

import re

import yaml

from macros.pages import search_separator
from macros.pages.search_separator import PUNCTUATION, SEPARATOR, STOP_WORDS, separator, words_kept
from support.site import ROOT


def test_a_question_keeps_only_the_words_that_say_what_the_patient_looks_for() -> None:
    assert words_kept("Can I get a massage with a cold?") == ["massage", "cold"]
    assert words_kept("How long does it take") == ["long", "take"]
    assert words_kept("is it safe when I am pregnant") == ["safe", "pregnant"]
    assert words_kept("What should I do for my back") == ["back"]


def test_punctuation_ends_a_word_so_a_name_in_brackets_or_before_a_comma_is_found() -> None:
    assert words_kept("(sciatica) nerve, pain/ache…") == ["sciatica", "nerve", "pain", "ache"]
    assert words_kept("low-back pain: what helps?") == ["low", "back", "pain", "helps"]


def test_a_stop_word_is_dropped_only_as_a_whole_word_in_either_case() -> None:
    assert words_kept("The theme of Tone and Inflammation") == ["theme", "Tone", "Inflammation"]
    assert words_kept("TO DO") == ["TO", "DO"], "a first capital only: a shouted word is kept"
    for word in STOP_WORDS:
        assert words_kept(f"pain {word} back") == ["pain", "back"], word
        assert words_kept(f"pain {word.capitalize()} back") == ["pain", "back"], word
        assert words_kept(f"pain {word}x back") == ["pain", f"{word}x", "back"], word


def test_every_word_listed_is_a_small_word_and_none_is_an_answer() -> None:
    assert all(re.fullmatch(r"[a-z]{1,6}", w) for w in STOP_WORDS), STOP_WORDS
    assert len(set(STOP_WORDS)) == len(STOP_WORDS)
    for answer in ("back", "pain", "no", "not", "neck", "leg", "help"):
        assert answer not in STOP_WORDS


def test_another_list_gives_another_separator() -> None:
    assert words_kept("a massage for you", separator(("you",), PUNCTUATION)) == ["a", "massage", "for"]


def test_mkdocs_yml_takes_the_separator_from_the_lists() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, name, node: name)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    module, _, name = search["separator"].rpartition(".")
    assert getattr(__import__(module, fromlist=[name]), name) == SEPARATOR
    assert module == search_separator.__name__
