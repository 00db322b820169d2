"""The decisions app's English catalogue is complete and its pages show no Chinese interface text.

`tests/core/test_i18n.py` lists its apps by hand; these are its checks for this app.
"""

import re

import polib
import pytest
from django.test import Client
from django.urls import reverse

from tests.core.test_i18n import CJK, PACKAGE, TRANSLATED, catalogue

pytestmark = pytest.mark.django_db


def test_every_string_has_english_and_is_compiled():
    import gettext

    po = polib.pofile(str(catalogue("decisions")))
    assert [e.msgid for e in po if not e.translated() or e.fuzzy] == []
    with open(catalogue("decisions").with_suffix(".mo"), "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for entry in po.translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        assert compiled._catalog.get(key) == entry.msgstr, key


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "decisions" / "templates").rglob("*.html")), ids=str
)
def test_template_text_is_marked(path):
    stripped = TRANSLATED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), path.read_text())
    assert [line for line in stripped.splitlines() if CJK.search(line)] == []


def test_pages_in_english_show_no_chinese(make_user, django_user_model):
    from fazhi.core.models import OrgUnit, Region

    region = Region.objects.create(code="990100", name="Test County")
    unit = OrgUnit.objects.create(
        name="Justice Bureau", kind="government_department", region=region
    )
    user = django_user_model.objects.create_user(
        "office",
        password="x-Long-enough-9",
        unit=unit,
        roles=["supervisor", "reviewer", "reporter"],
    )
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    urls = [
        reverse(name)
        for name in (
            "decisions:catalog_list",
            "decisions:catalog_create",
            "decisions:decision_list",
            "decisions:decision_create",
            "decisions:expert_list",
            "decisions:adviser_list",
            "portal:decisions:catalog_list",
            "portal:decisions:consultation_list",
        )
    ]
    offenders = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = re.sub(
            r"<script.*?</script>|<[^>]*lang=\"zh-hans\"[^>]*>[^<]*",
            "",
            response.content.decode(),
            flags=re.S,
        )
        main = body.split("<main", 1)[-1]
        found = sorted({m.group() for m in re.finditer(r"[\u4e00-\u9fff]+", main)})
        if found:
            offenders[url] = found
    assert offenders == {}
