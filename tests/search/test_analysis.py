import pytest

from search.analysis import index_text, normalize, tokenize
from search.query import alternatives, build_query, query_tokens


def test_normalize_folds_width_traditional_and_case():
    assert normalize("３号楼ＡＢＣ") == "3号楼abc"
    assert normalize("業委會換屆") == "业委会换届"
    assert normalize("a\x00b") == "a b"


@pytest.mark.parametrize(
    "text, token",
    [
        ("业委会换届选举", "业委会"),
        ("物业公司协会章程", "物业公司协会"),
        ("五月物业工作提示函", "工作提示函"),
        ("党群服务站开放时间", "党群服务站"),
        ("社保验证上门服务", "社保验证"),
        ("云影香山小区业主大会", "云影香山小区"),
        ("邻里厅读书会", "邻里厅"),
    ],
)
def test_domain_words_stay_whole(text, token):
    assert token in tokenize(text)


def test_index_text_keeps_sub_words_after_the_precise_tokens():
    text = index_text("业主委员会工作规则")
    tokens = text.split()
    assert tokens[:3] == ["业主委员会", "工作", "规则"]
    assert {"业主", "委员会"} <= set(tokens[3:])


def test_stop_words_and_punctuation_are_dropped():
    assert tokenize("电梯坏了找谁？") == ["电梯", "坏"]
    assert tokenize('"; DROP TABLE *NEAR( 😀') == ["drop", "table", "near"]


def test_query_side_expands_synonyms_and_sub_words():
    synonyms = {"业委会": ["业委会", "业主委员会"]}
    assert alternatives("业委会", synonyms) == [["业委会"], ["业主委员会"]]
    assert alternatives("物业服务", {}) == [["物业服务"], ["物业", "服务"]]
    # One part alone would widen the query (物业费 → 物业): not offered.
    assert alternatives("物业费", {}) == [["物业费"]]


@pytest.mark.parametrize("raw", ["", "   ", "！？。", '"', "*", "的 了 吗"])
def test_nothing_searchable_builds_no_query(raw):
    assert build_query(raw) is None


def test_long_queries_are_bounded():
    assert len(query_tokens("物业 " * 1000)) == 1
    assert len(query_tokens(" ".join(f"词{i}" for i in range(100)))) <= 12


def test_registry_can_be_extended_at_merge():
    from search import registry

    saved = list(registry._registry)
    try:
        registry.register(
            registry.SearchType("firms", "Firms", (registry.SearchModel("home.PropertyFirm"),)),
            before="compounds",
        )
        keys = [entry.key for entry in registry.search_types()]
        assert keys.index("firms") == keys.index("compounds") - 1
        assert keys[-1] == "pages"
        assert (
            registry.get_type("firms").available_models()[0].model._meta.label
            == "home.PropertyFirm"
        )
        # Models of apps that are not merged yet are skipped, not an error.
        missing = registry.SearchType("x", "X", (registry.SearchModel("nowhere.Model"),))
        assert missing.available_models() == []
    finally:
        registry._registry[:] = saved
