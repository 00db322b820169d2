from hypothesis import given
from hypothesis import strategies as st

from fazhi.normdocs.docnumber import find_doc_number, normalize_doc_number, parse_doc_number


def test_bracket_variants_normalise_to_hexagonal_brackets():
    for raw in (
        "天政办发〔2023〕12号",
        "天政办发[2023]12号",
        "天政办发(2023)12号",
        "天政办发（2023）012号",
        "天政办发［2023］12号",
        " 天政办发【2023】第12号 ",
    ):
        assert normalize_doc_number(raw) == "天政办发〔2023〕12号", raw


def test_parts():
    number = parse_doc_number("晋政办发〔2018〕115号")
    assert (number.issuer_code, number.year, number.serial) == ("晋政办发", 2018, 115)


def test_not_a_doc_number():
    for raw in (
        "",
        "天政办发2023年12号",
        "〔2023〕12号",
        "天政办发〔23〕12号",
        "复议",
        "天政办发〔2023〕号",
    ):
        assert parse_doc_number(raw) is None, raw


def test_found_in_a_heading():
    assert (
        str(find_doc_number("天镇县人民政府办公室文件\n天政办发[2022]3号\n关于……"))
        == "天政办发〔2022〕3号"
    )


@given(
    st.text(alphabet="天镇政办发司农教科市监", min_size=1, max_size=6),
    st.integers(1949, 2099),
    st.integers(1, 99999),
    st.sampled_from([("〔", "〕"), ("[", "]"), ("(", ")"), ("（", "）"), ("【", "】")]),
)
def test_round_trip(code, year, serial, brackets):
    raw = f"{code}{brackets[0]}{year}{brackets[1]}{serial}号"
    number = parse_doc_number(raw)
    assert str(number) == f"{code}〔{year}〕{serial}号"
    assert parse_doc_number(str(number)) == number
