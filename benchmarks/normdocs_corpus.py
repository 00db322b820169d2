"""Realistic Tianzhen-style normative documents at any scale (deterministic for a seed).

Used by normdocs_search.py; run alone to print a sample: python benchmarks/normdocs_corpus.py
"""

from __future__ import annotations

import datetime as dt
import random

import cn2an

ISSUERS = {
    "天政办发": "天镇县人民政府办公室",
    "天司发": "天镇县司法局",
    "天市监发": "天镇县市场监督管理局",
    "天教科发": "天镇县教育科技局",
    "天农发": "天镇县农业农村局",
    "天建发": "天镇县住房和城乡建设局",
    "天民发": "天镇县民政局",
    "天财发": "天镇县财政局",
    "天卫健发": "天镇县卫生健康局",
    "天审批发": "天镇县行政审批服务管理局",
    "天人社发": "天镇县人力资源和社会保障局",
    "天应急发": "天镇县应急管理局",
    "天交发": "天镇县交通运输局",
    "天水发": "天镇县水务局",
    "天环发": "天镇县生态环境局",
    "天文旅发": "天镇县文化和旅游局",
}
SUBJECTS = [
    ("行政复议案件办理", "中华人民共和国行政复议法", "复议申请的受理、审查和决定书的制作"),
    ("行政执法公示", "中华人民共和国行政处罚法", "执法信息的归集、审核和公开"),
    ("农村宅基地审批管理", "中华人民共和国土地管理法", "宅基地申请的审核和批准后的监管"),
    ("城乡最低生活保障审核确认", "社会救助暂行办法", "家庭经济状况核对和动态管理"),
    ("食品小作坊登记管理", "中华人民共和国食品安全法", "登记证的办理和日常检查"),
    ("政务服务好差评", "优化营商环境条例", "评价数据汇集和差评整改"),
    ("县级财政专项资金管理", "中华人民共和国预算法", "专项资金的设立、分配和绩效评价"),
    ("生产安全事故应急预案管理", "中华人民共和国安全生产法", "应急预案的备案和演练指导"),
    ("住宅专项维修资金管理", "中华人民共和国民法典", "维修资金的交存、使用和监督"),
    ("义务教育学校招生入学", "中华人民共和国义务教育法", "招生计划制定和学区划分"),
    ("家庭医生签约服务", "中华人民共和国基本医疗卫生与健康促进法", "签约服务包设计和服务质量考核"),
    ("根治欠薪", "保障农民工工资支付条例", "工资专用账户和工资保证金监管"),
    ("河湖长制工作", "中华人民共和国水法", "河湖巡查和问题整改"),
    ("农村公路养护管理", "公路安全保护条例", "养护资金的使用和养护质量考核"),
    ("文物安全管理", "中华人民共和国文物保护法", "文物巡查和安全隐患排查"),
    ("大气污染防治", "中华人民共和国大气污染防治法", "重污染天气应急和扬尘管控"),
    ("法律顾问工作", "中华人民共和国律师法", "法律顾问的选聘、考核和费用保障"),
    ("人民调解员补贴发放", "中华人民共和国人民调解法", "补贴标准核定和按季度发放"),
    ("重大行政决策程序", "重大行政决策程序暂行条例", "决策事项目录编制、公众参与和风险评估"),
    ("政府信息公开", "中华人民共和国政府信息公开条例", "主动公开目录编制和依申请公开办理"),
]
KINDS = ["管理办法", "实施办法", "实施细则", "工作规则", "暂行办法", "若干措施", "工作规范"]
CLAUSES = [
    "各乡(镇)人民政府、县直有关部门应当按照职责分工,密切配合,建立信息共享和工作会商机制。",
    "有关工作应当依法公开,接受社会监督;公民、法人和其他组织可以通过政务服务热线12345提出意见建议。",
    "{unit}应当每年对本办法的执行情况进行评估,并向县人民政府报告。",
    "工作人员在执行本办法过程中玩忽职守、滥用职权、徇私舞弊的,依法依规追究责任。",
    "县财政局按照规定保障工作经费,县审计局依法开展审计监督。",
    "对群众反映强烈的问题,{unit}应当在十个工作日内核实处理并答复。",
    "建立工作台账,实行清单化管理、项目化推进,定期通报工作进展。",
    "加强业务培训,每年至少组织一次专题培训,提升工作人员依法行政能力。",
    "鼓励运用大数据、互联网等信息化手段提高工作效率,推进网上办理、掌上办理。",
    "涉及群众切身利益的事项,应当听取群众意见,必要时组织听证。",
    "对不服行政行为的,当事人可以依法申请行政复议或者提起行政诉讼。",
    "县司法局负责对本办法执行情况进行监督检查,发现问题及时督促整改。",
]


def generate(count: int, seed: int = 2026):
    """Yield dicts: title, doc_number, issuer, published_on, effective_on, valid_until, body, legal_basis."""
    rng = random.Random(seed)
    codes = list(ISSUERS)
    serials: dict[tuple[str, int], int] = {}
    for _ in range(count):
        code = rng.choice(codes)
        year = rng.randint(2000, 2026)
        serials[(code, year)] = serial = serials.get((code, year), 0) + 1
        subject, law, duty = rng.choice(SUBJECTS)
        kind = rng.choice(KINDS)
        issuer = ISSUERS[code]
        unit = issuer.replace("天镇县", "县")
        published_on = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        effective_on = published_on + dt.timedelta(days=30)
        years = 2 if kind == "暂行办法" else rng.choice([3, 5])
        articles = [
            f"为了规范{subject.removesuffix('工作')}工作,根据《{law}》等法律、法规和上级有关规定,结合本县实际,制定本办法。",
            f"本办法适用于本县行政区域内的{subject.removesuffix('工作')}工作。",
            f"{unit}负责{duty},具体工作由相关股室承办。",
            *(rng.choice(CLAUSES).format(unit=unit) for _ in range(rng.randint(5, 12))),
            f"本办法由{unit}负责解释。",
            f"本办法自{effective_on:%Y年%-m月%-d日}起施行,有效期{years}年。",
        ]
        body = "\n".join(f"第{cn2an.an2cn(i)}条 {text}" for i, text in enumerate(articles, start=1))
        yield {
            "title": f"{issuer}关于印发《天镇县{subject}{kind}》的通知",
            "doc_number": f"{code}〔{year}〕{serial}号",
            "issuer": issuer,
            "published_on": published_on,
            "effective_on": effective_on,
            "valid_until": effective_on.replace(year=effective_on.year + years)
            - dt.timedelta(days=1),
            "legal_basis": f"《{law}》",
            "body": body,
        }


if __name__ == "__main__":
    for doc in generate(2):
        print(doc["doc_number"], doc["title"])
        print(doc["body"])
        print()
