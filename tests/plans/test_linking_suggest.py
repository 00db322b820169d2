"""The pure half of linking: regions above a region, and candidates by word overlap."""

from fazhi.plans.linking import Candidate, higher_regions, is_above, suggest_links, words

COUNTY_TASKS = {
    1: "深化“放管服”改革 全面推行审批服务“马上办、网上办、就近办”,推进行政审批“一网通办”。",
    2: "严格行政规范性文件制定监督管理 行政规范性文件草案在提交集体讨论前应当进行合法性审核。",
    3: "加强和规范行政应诉工作 认真执行行政机关负责人出庭应诉制度,逐年提高出庭应诉率。",
    4: "加快推进政务数据有序共享 依托政务数据共享交换平台,加强跨部门政务数据对接共享。",
    5: "加强理论研究和舆论宣传 建立法治政府建设专家库。",
}
CITY_MEASURES = {
    10: "持续深化“放管服”改革,推进审批服务便民化",
    11: "加强行政规范性文件合法性审核",
    12: "落实行政机关负责人出庭应诉制度",
    13: "推动政务数据共享",
    14: "建设航空航天产业园区",
}


def test_regions_above_follow_gbt_2260_prefixes():
    assert higher_regions("140222") == ["140200", "140000"]
    assert higher_regions("140200") == ["140000"]
    assert higher_regions("140000") == []
    assert is_above("140200", "140222") and is_above("140000", "140222")
    assert not is_above("140222", "140222")  # the county itself
    assert not is_above("140300", "140222")  # another city
    assert not is_above("140221", "140222")  # a neighbouring county
    assert not is_above("140222", "140200")  # below, not above


def test_each_city_measure_finds_the_county_task_that_implements_it():
    found = suggest_links(CITY_MEASURES, COUNTY_TASKS)
    best = {m: [c.task_id for c in cs][:1] for m, cs in found.items()}
    assert best == {10: [1], 11: [2], 12: [3], 13: [4], 14: []}
    first = found[12][0]
    assert isinstance(first, Candidate) and 0 < first.score <= 1
    assert {"出庭", "应诉", "负责人"} <= set(first.shared)


def test_generic_plan_words_alone_suggest_nothing():
    assert words("加强和完善工作机制,全面推进落实") == frozenset()
    assert suggest_links({1: "全面加强工作"}, {7: "全面加强各项工作,进一步完善机制"}) == {1: []}


def test_a_confirmed_link_is_not_suggested_again_and_the_list_is_short():
    tasks = {i: f"行政复议体制改革第{i}项" for i in range(1, 10)}
    found = suggest_links({1: "深化行政复议体制改革"}, tasks, linked=[(1, 1)], per_measure=3)
    assert [c.task_id for c in found[1]] == [2, 3, 4]


def test_empty_inputs_give_empty_suggestions():
    assert suggest_links({}, COUNTY_TASKS) == {}
    assert suggest_links(CITY_MEASURES, {}) == {m: [] for m in CITY_MEASURES}
