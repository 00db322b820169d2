"""National defaults for the editable procedure settings and the law-status table.

Rows are seeded by migration 0002 and edited afterwards by administrators (Django admin):
the Shanxi rule has not been checked yet, so none of these values is hard-coded elsewhere.
"""

import datetime as dt

from .choices import LawStatus, SettingKey

SETTINGS = {
    SettingKey.COMMENT_DAYS: (30, False, "国办发〔2018〕37号:涉及群众切身利益的一般不少于30日 [M]"),
    SettingKey.REVIEW_DAYS: (
        15,
        True,
        "国办发〔2018〕115号:原则上不少于5个、最长不超过15个工作日 [M]",
    ),
    SettingKey.FILING_DAYS: (30, False, "通行做法:公布之日起30日内报送备案;以省级规定为准 [M]"),
    SettingKey.VALIDITY_YEARS: (5, False, "通行做法:有效期一般不超过5年 [M]"),
    SettingKey.PROVISIONAL_VALIDITY_YEARS: (2, False, "通行做法:暂行、试行的不超过2年 [M]"),
    SettingKey.EFFECTIVE_GAP_DAYS: (
        30,
        False,
        "参照规章制定程序条例第三十二条:公布之日起30日后施行",
    ),
    SettingKey.EXPIRING_MONTHS: (6, False, "到期前6个月提示评估"),
}

LAWS = [
    (
        "中华人民共和国行政复议法",
        "1999年公布、2017年修正",
        [1999, 2009, 2017],
        LawStatus.SUPERSEDED,
        dt.date(2024, 1, 1),
        "中华人民共和国行政复议法(2023年修订)",
    ),
    ("中华人民共和国行政复议法", "2023年修订", [2023], LawStatus.IN_FORCE, None, ""),
    (
        "中华人民共和国行政处罚法",
        "1996年公布、2017年修正",
        [1996, 2009, 2017],
        LawStatus.SUPERSEDED,
        dt.date(2021, 7, 15),
        "中华人民共和国行政处罚法(2021年修订)",
    ),
    ("中华人民共和国行政处罚法", "2021年修订", [2021], LawStatus.IN_FORCE, None, ""),
    (
        "中华人民共和国政府信息公开条例",
        "2007年公布",
        [2007],
        LawStatus.SUPERSEDED,
        dt.date(2019, 5, 15),
        "中华人民共和国政府信息公开条例(2019年修订)",
    ),
    ("中华人民共和国政府信息公开条例", "2019年修订", [2019], LawStatus.IN_FORCE, None, ""),
    (
        "中华人民共和国民法通则",
        "1986年公布、2009年修正",
        [1986, 2009],
        LawStatus.REPEALED,
        dt.date(2021, 1, 1),
        "中华人民共和国民法典",
    ),
    (
        "中华人民共和国合同法",
        "1999年公布",
        [1999],
        LawStatus.REPEALED,
        dt.date(2021, 1, 1),
        "中华人民共和国民法典",
    ),
    (
        "中华人民共和国物权法",
        "2007年公布",
        [2007],
        LawStatus.REPEALED,
        dt.date(2021, 1, 1),
        "中华人民共和国民法典",
    ),
    ("中华人民共和国民法典", "2020年公布", [2020], LawStatus.IN_FORCE, None, ""),
    (
        "中华人民共和国行政许可法",
        "2003年公布、2019年修正",
        [2003, 2019],
        LawStatus.IN_FORCE,
        None,
        "",
    ),
    ("中华人民共和国行政强制法", "2011年公布", [2011], LawStatus.IN_FORCE, None, ""),
    (
        "中华人民共和国行政诉讼法",
        "1989年公布、2017年修正",
        [1989, 2014, 2017],
        LawStatus.IN_FORCE,
        None,
        "",
    ),
    ("重大行政决策程序暂行条例", "2019年公布", [2019], LawStatus.IN_FORCE, None, ""),
    (
        "中华人民共和国食品安全法",
        "2009年公布、2021年修正",
        [2009, 2015, 2018, 2021],
        LawStatus.IN_FORCE,
        None,
        "",
    ),
]
