"""The law-status table the review assistant starts from (seeded by migration 0002).

The procedure periods are declared in `periods.py` and edited on core's period page.
"""

import datetime as dt

from .choices import LawStatus

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
