from hypothesis import given
from hypothesis import strategies as st

from fazhi.core.masking import mask_name, mask_resident_id, mask_text


def test_mask_examples():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("天镇县某某有限公司") == "天镇县某某有限公司"
    assert mask_resident_id("140222199001011234") == "1402**********1234"
    assert (
        mask_text("张三电话13912345678,证件140222199001011234", ["张三"])
        == "张*电话139****5678,证件1402**********1234"
    )


@given(st.from_regex(r"\A[1-6]\d{16}[\dX]\Z"))
def test_no_full_resident_id_survives(id_number):
    masked = mask_text(f"身份证号{id_number}。")
    assert id_number not in masked and masked.count("*") == 10


@given(st.text(alphabet="赵钱孙李周吴郑王冯陈", min_size=2, max_size=4))
def test_masked_name_keeps_only_surname(name):
    masked = mask_text(f"申请人{name}不服", [name])
    assert masked == f"申请人{name[0]}{'*' * (len(name) - 1)}不服"
