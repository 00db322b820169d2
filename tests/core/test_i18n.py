"""The English catalogue is complete, compiled, and no template text escapes it."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import fazhi

PACKAGE = Path(fazhi.__file__).parent
# Every app with a catalogue, found rather than listed, so a new app is checked from its first day.
APPS = sorted(p.parent.name for p in PACKAGE.glob("*/locale"))
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# Template text that is translated, or not shown: translate tags, blocks, comments.
TRANSLATED = re.compile(
    r"{%\s*(?:translate|trans)\s.*?%}"
    r"|{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}"
    r"|{#.*?#}"
    r"|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}"
    r'|_\(".*?"\)',
    re.S,
)
# A template may stay Chinese when it renders an official document; it says so on its first line.
CHINESE_ONLY = "{# i18n: Chinese only"


def catalogue(app):
    return PACKAGE / app / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("app", APPS)
def test_every_marked_string_has_an_english_translation(app):
    po = polib.pofile(str(catalogue(app)))
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert missing == [], f"{app}: {len(missing)} strings without English: {missing[:20]}"


@pytest.mark.parametrize("app", APPS)
def test_compiled_catalogue_matches_its_source(app):
    po = polib.pofile(str(catalogue(app)))
    with open(catalogue(app).with_suffix(".mo"), "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        assert compiled._catalog.get(key) == entry.msgstr, f"{app}: run `make messages` ({key})"


def template_files():
    for app in APPS:
        yield from sorted((PACKAGE / app / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", list(template_files()), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_template_text_is_marked_for_translation(path):
    text = path.read_text(encoding="utf-8")
    if text.startswith(CHINESE_ONLY) or "\n" + CHINESE_ONLY in text[:400]:
        return
    stripped = TRANSLATED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    stray = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(stripped.splitlines(), 1)
        if CJK.search(line) and 'lang="zh-hans"' not in line
    ]
    assert stray == [], "Chinese text outside {% translate %}:\n" + "\n".join(stray[:15])


def parameterless_page_urls():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                route = str(pattern.pattern)
                if route.startswith(("admin/", "api/", "i18n/")):
                    continue
                yield from walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                route = str(pattern.pattern)
                if "<" not in route and not route.startswith("^"):
                    yield "/" + prefix + route

    return sorted(set(walk(get_resolver().url_patterns)))


@pytest.mark.django_db
def test_pages_in_english_have_no_chinese_interface_text(django_user_model):
    """Every page without parameters, for a supervisor, reviewer and officer of an English-named unit with no data.

    Whatever Chinese is left on such a page comes from the interface, not from the data.
    """
    from fazhi.core.models import OrgUnit, Region

    region = Region.objects.create(code="990100", name="Test County")
    unit = OrgUnit.objects.create(
        name="Justice Bureau", kind="government_department", region=region
    )
    user = django_user_model.objects.create_user(
        "office",
        password="x-Long-enough-9",
        unit=unit,
        roles=["supervisor", "reviewer", "officer"],
        full_name="Office",
    )
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    offenders = {}
    for url in parameterless_page_urls():
        response = client.get(url)
        if response.status_code not in (200, 403) or "text/html" not in response.get(
            "Content-Type", ""
        ):
            continue
        body = response.content.decode()
        body = re.sub(
            r"<script.*?</script>|<[^>]*lang=\"zh-hans\"[^>]*>[^<]*", "", body, flags=re.S
        )
        found = sorted({m.group() for m in re.finditer(r"[\u4e00-\u9fff]+", body)})
        if found:
            offenders[url] = found[:10]
    assert offenders == {}, offenders


@pytest.mark.django_db
def test_language_is_chosen_on_the_page_not_by_the_browser():
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = client.get("/login/")
    assert '<html lang="zh-hans">' in page.content.decode()
    assert page["Content-Language"] == "zh-hans"

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert switched.status_code == 302 and switched["Location"] == "/login/"
    page = client.get("/login/")
    assert '<html lang="en">' in page.content.decode()
    assert page["Content-Language"] == "en"

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/login/"})
    assert '<html lang="zh-hans">' in client.get("/login/").content.decode()


@pytest.mark.django_db
def test_unknown_language_cookie_falls_back_to_chinese():
    client = Client()
    client.cookies["django_language"] = "fr<script>"
    assert client.get("/login/")["Content-Language"] == "zh-hans"


@pytest.mark.django_db
def test_language_switch_refuses_an_outside_next_url():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and not response["Location"].startswith("https://evil")


def test_a_string_shared_by_two_apps_reads_the_same_in_both():
    """Django merges the catalogues: the same msgid in two apps gets one app's English everywhere.

    Where the English must differ, the string needs a context (pgettext) in one of them.
    """
    seen = {}
    clashes = []
    for app in APPS:
        for entry in polib.pofile(str(catalogue(app))).translated_entries():
            key = (entry.msgctxt, entry.msgid)
            if key in seen and seen[key][1] != entry.msgstr:
                clashes.append(
                    f"{entry.msgid!r}: {seen[key][0]} {seen[key][1]!r}, {app} {entry.msgstr!r}"
                )
            seen.setdefault(key, (app, entry.msgstr))
    assert clashes == [], "\n".join(clashes)
