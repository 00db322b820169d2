import re

import pytest
from django.urls import reverse

from fazhi.core.choices import Role
from tests.catalogs.conftest import item

CJK = re.compile(r"[\u4e00-\u9fff]+")


def _interface_chinese(html: str, data: list[str]) -> set[str]:
    main = re.search(r"<main.*?</main>", html, re.S).group()
    main = re.sub(r"<script.*?</script>", "", main, flags=re.S)
    for text in data:
        main = main.replace(text, "")
    return set(CJK.findall(main))


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_office_pages_in_english_show_chinese_only_from_data(
    english, make_user, body, make_version
):
    make_version(2022, [item("A1", "甲许可"), item("A2", "乙许可")])
    draft = make_version(2023, [item("A1", "甲许可", promised_days=1)], published=False)
    english.force_login(make_user(Role.SUPERVISOR, Role.REVIEWER))
    data = [
        body.name,
        "甲许可",
        "乙许可",
        "《中华人民共和国行政许可法》第十二条",
        "天镇县",
        "测试局",
    ]
    for url in (
        reverse("catalogs:version_list"),
        draft.get_absolute_url(),
        reverse("catalogs:version_diff", args=[draft.pk]),
        reverse("catalogs:import"),
        reverse("catalogs:targets") + "?year=2023",
        reverse("catalogs:power_list"),
    ):
        response = english.get(url)
        assert response.status_code == 200, url
        assert _interface_chinese(response.content.decode(), data) == set(), url


def test_public_pages_in_english_show_chinese_only_from_data(english, body, make_version):
    version = make_version(2022, [item("A1", "甲许可")])
    data = [body.name, body.region.name, "甲许可", "《中华人民共和国行政许可法》第十二条"]
    item_pk = version.items.get().pk
    for url in (
        reverse("portal:catalogs:browse") + "?year=2022",
        reverse("portal:catalogs:item", args=[item_pk]),
        reverse("portal:catalogs:exemptions"),
        reverse("portal:catalogs:adjudications"),
    ):
        response = english.get(url)
        assert response.status_code == 200, url
        assert _interface_chinese(response.content.decode(), data) == set(), url
