"""Demo data: about thirty Tianzhen normative documents across statuses, drafts in the
procedure (one awaiting legality review with findings), and one published cleanup round.
Idempotent: documents are keyed by 文号, drafts by title, the round by its name."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import dates
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit, User

from . import services
from .choices import CleanupDecisionKind, FindingStatus, LinkKind, ReviewOpinion
from .importing import RegistryRow
from .models import CleanupRound, DocumentLink, NormativeDocument

UNITS = {
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
}

# (代字, year, serial, inner title, purpose, scope, lead duty, law cited, published, years valid)
DOCUMENTS = [
    (
        "天政办发",
        2021,
        8,
        "天镇县行政规范性文件管理办法",
        "规范行政规范性文件制定和监督管理",
        "县人民政府及其部门制定行政规范性文件的活动",
        "起草、合法性审核、备案审查和清理工作的组织协调",
        "中华人民共和国立法法",
        "2021-03-10",
        5,
    ),
    (
        "天政办发",
        2021,
        15,
        "天镇县行政复议案件办理规定",
        "规范行政复议案件办理,保护公民、法人和其他组织的合法权益",
        "县人民政府办理的行政复议案件",
        "行政复议申请的接收、审查、调查和决定书制作",
        "中华人民共和国行政复议法》(2017年修正)和《中华人民共和国行政复议法实施条例",
        "2021-05-20",
        5,
    ),
    (
        "天政办发",
        2022,
        3,
        "天镇县重大行政决策程序实施办法",
        "规范重大行政决策行为,提高决策质量和效率",
        "县人民政府重大行政决策的作出和调整",
        "决策事项目录的编制、公众参与、专家论证和风险评估",
        "重大行政决策程序暂行条例",
        "2022-02-18",
        5,
    ),
    (
        "天政办发",
        2022,
        12,
        "天镇县政府信息公开工作办法",
        "保障公民、法人和其他组织依法获取政府信息",
        "县人民政府及其部门的政府信息公开工作",
        "主动公开目录的编制和依申请公开的办理",
        "中华人民共和国政府信息公开条例",
        "2022-04-08",
        5,
    ),
    (
        "天政办发",
        2022,
        27,
        "天镇县行政执法公示办法",
        "推行行政执法公示制度,促进严格规范公正文明执法",
        "本县行政执法机关的执法公示",
        "执法信息的归集、审核和公开",
        "中华人民共和国行政处罚法",
        "2022-06-30",
        5,
    ),
    (
        "天政办发",
        2022,
        41,
        "天镇县行政执法全过程记录办法",
        "规范行政执法全过程记录工作",
        "行政执法的启动、调查取证、审核决定和送达执行",
        "执法记录仪的配备和音像资料的归档",
        "中华人民共和国行政处罚法",
        "2022-09-15",
        5,
    ),
    (
        "天政办发",
        2023,
        5,
        "天镇县重大执法决定法制审核办法",
        "规范重大执法决定法制审核工作",
        "本县行政执法机关作出的重大执法决定",
        "法制审核目录的编制和审核意见的出具",
        "中华人民共和国行政处罚法",
        "2023-02-20",
        5,
    ),
    (
        "天政办发",
        2023,
        12,
        "天镇县法律顾问工作规则",
        "发挥法律顾问在依法行政中的参谋助手作用",
        "县人民政府及其部门聘请的法律顾问",
        "法律顾问的选聘、考核和费用保障",
        "中华人民共和国律师法",
        "2023-03-28",
        3,
    ),
    (
        "天政办发",
        2023,
        30,
        "天镇县优化营商环境若干措施",
        "持续优化营商环境,激发市场主体活力",
        "本县行政区域内的营商环境建设",
        "政务服务事项的精简和办理时限的压缩",
        "优化营商环境条例",
        "2023-07-11",
        2,
    ),
    (
        "天政办发",
        2024,
        6,
        "天镇县行政调解工作办法",
        "规范行政调解工作,及时化解矛盾纠纷",
        "行政机关对民事纠纷和行政争议的调解",
        "调解申请的受理、调解协议的制作和履行回访",
        "中华人民共和国人民调解法",
        "2024-03-05",
        5,
    ),
    (
        "天政办发",
        2024,
        18,
        "天镇县政务诚信建设实施办法",
        "加强政务诚信建设,提升政府公信力",
        "县人民政府及其部门、各乡(镇)人民政府",
        "政务失信记录的归集、认定和修复",
        "优化营商环境条例",
        "2024-06-17",
        5,
    ),
    (
        "天政办发",
        2025,
        9,
        "天镇县行政复议案件办理规定",
        "规范行政复议案件办理,保护公民、法人和其他组织的合法权益",
        "县人民政府办理的行政复议案件",
        "行政复议申请的接收、审查、调查、调解和决定",
        "中华人民共和国行政复议法",
        "2025-04-10",
        5,
    ),
    (
        "天司发",
        2022,
        7,
        "天镇县公职律师管理办法",
        "加强公职律师队伍建设",
        "本县党政机关的公职律师",
        "公职律师的申请、任职和年度考核",
        "中华人民共和国律师法",
        "2022-05-12",
        5,
    ),
    (
        "天司发",
        2023,
        4,
        "天镇县人民调解员补贴发放办法",
        "保障人民调解员依法履行职责",
        "各乡(镇)、村(社区)人民调解委员会的调解员",
        "补贴标准的核定和按季度发放",
        "中华人民共和国人民调解法",
        "2023-01-16",
        3,
    ),
    (
        "天司发",
        2024,
        11,
        "天镇县法治宣传教育责任清单管理办法",
        "落实“谁执法谁普法”普法责任制",
        "县直各部门和各乡(镇)人民政府",
        "普法责任清单的编制、公示和考评",
        "中华人民共和国宪法",
        "2024-05-09",
        5,
    ),
    (
        "天市监发",
        2021,
        19,
        "食品小作坊登记管理办法",
        "加强食品小作坊监督管理,保障食品安全",
        "本县行政区域内食品小作坊的登记和监督管理",
        "食品小作坊登记证的办理和日常检查",
        "中华人民共和国食品安全法",
        "2021-11-22",
        5,
    ),
    (
        "天市监发",
        2023,
        22,
        "双随机一公开监管工作细则",
        "规范市场监管领域随机抽查工作",
        "本局开展的随机抽查",
        "检查对象名录库和执法检查人员名录库的维护",
        "中华人民共和国行政处罚法",
        "2023-08-14",
        5,
    ),
    (
        "天教科发",
        2022,
        16,
        "义务教育阶段学校招生入学工作办法",
        "保障适龄儿童少年平等接受义务教育的权利",
        "本县公办和民办义务教育学校",
        "招生计划的制定和学区划分",
        "中华人民共和国义务教育法",
        "2022-05-30",
        5,
    ),
    (
        "天教科发",
        2024,
        9,
        "校外培训机构监督管理办法",
        "规范校外培训行为,减轻学生校外培训负担",
        "面向中小学生的校外培训机构",
        "培训机构的日常检查和资金监管",
        "中华人民共和国民办教育促进法",
        "2024-07-02",
        5,
    ),
    (
        "天农发",
        2022,
        33,
        "农村宅基地审批管理办法",
        "规范农村宅基地审批管理,保障农民合法权益",
        "本县农村村民建住宅使用宅基地",
        "宅基地申请的审核和批准后的监管",
        "中华人民共和国土地管理法",
        "2022-10-20",
        5,
    ),
    (
        "天农发",
        2023,
        14,
        "农业生产社会化服务项目管理办法",
        "规范农业生产社会化服务项目实施",
        "中央和省级财政支持的农业生产托管项目",
        "服务组织的遴选和补助资金的拨付",
        "中华人民共和国农业法",
        "2023-05-18",
        3,
    ),
    (
        "天建发",
        2022,
        21,
        "城镇老旧小区改造项目管理办法",
        "规范老旧小区改造项目实施",
        "本县城镇老旧小区改造项目",
        "改造项目的申报、实施和验收",
        "中华人民共和国城乡规划法",
        "2022-07-25",
        5,
    ),
    (
        "天建发",
        2024,
        3,
        "住宅专项维修资金管理办法",
        "加强住宅专项维修资金管理,保障住宅共用部位正常使用",
        "本县商品住宅和售后公有住房",
        "维修资金的交存、使用和监督",
        "中华人民共和国民法典",
        "2024-01-22",
        5,
    ),
    (
        "天民发",
        2022,
        11,
        "城乡最低生活保障审核确认办法",
        "规范最低生活保障审核确认工作",
        "本县城乡最低生活保障的申请、审核和确认",
        "家庭经济状况的核对和动态管理",
        "社会救助暂行办法",
        "2022-03-16",
        5,
    ),
    (
        "天民发",
        2023,
        26,
        "临时救助实施细则",
        "及时解决群众遭遇的突发性、紧迫性、临时性生活困难",
        "本县临时救助的对象、标准和程序",
        "救助申请的受理和先行救助",
        "社会救助暂行办法",
        "2023-09-06",
        5,
    ),
    (
        "天财发",
        2023,
        8,
        "县级财政专项资金管理办法",
        "规范财政专项资金管理,提高资金使用效益",
        "县级预算安排的各类专项资金",
        "专项资金的设立、分配和绩效评价",
        "中华人民共和国预算法",
        "2023-04-12",
        5,
    ),
    (
        "天卫健发",
        2022,
        18,
        "家庭医生签约服务管理办法",
        "推进家庭医生签约服务",
        "本县基层医疗卫生机构的签约服务",
        "签约服务包的设计和服务质量考核",
        "中华人民共和国基本医疗卫生与健康促进法",
        "2022-08-09",
        5,
    ),
    (
        "天审批发",
        2023,
        10,
        "政务服务“好差评”实施办法",
        "以评促改提升政务服务水平",
        "本县各级政务服务中心和便民服务站",
        "评价数据的汇集、差评的核实整改和回访",
        "优化营商环境条例",
        "2023-06-05",
        5,
    ),
    (
        "天人社发",
        2022,
        25,
        "根治欠薪工作实施办法",
        "保障农民工工资按时足额支付",
        "本县行政区域内的工程建设领域",
        "工资专用账户和工资保证金的监管",
        "保障农民工工资支付条例",
        "2022-12-01",
        5,
    ),
    (
        "天应急发",
        2021,
        6,
        "安全生产约谈办法",
        "督促落实安全生产责任",
        "本县生产经营单位和有关部门",
        "约谈的启动、实施和整改跟踪",
        "中华人民共和国安全生产法",
        "2021-04-26",
        5,
    ),
    (
        "天应急发",
        2026,
        2,
        "生产安全事故应急预案管理办法",
        "规范生产安全事故应急预案管理工作",
        "本县生产经营单位应急预案的编制、评审和备案",
        "应急预案的备案和演练指导",
        "中华人民共和国安全生产法",
        "2026-11-20",
        5,
    ),
]

# later document -> (kind, earlier document)
LINKS = [
    ("天政办发〔2025〕9号", LinkKind.REPEALS, "天政办发〔2021〕15号"),
    ("天政办发〔2024〕18号", LinkKind.IMPLEMENTS, "天政办发〔2023〕30号"),
    ("天司发〔2024〕11号", LinkKind.AMENDS, "天司发〔2022〕7号"),
]

PLANTED_DRAFT = (
    "天镇县城区流动摊点管理暂行办法",
    "第一条 为了规范城区流动摊点经营秩序,根据《中华人民共和国行政处罚法》(2017年修正),制定本办法。\n"
    "第二条 在城区从事流动摊点经营的,须经县城市管理局批准。\n"
    "第三条 摊点经营者应当缴纳卫生保证金五百元。\n"
    "第四条 违反本办法在禁止区域设摊的,处以二百元罚款。\n"
    "第五条 经营者不得在夜间二十二时以后营业。\n"
    "第六条 县城市管理局负责本办法的组织实施。\n"
    "第七条 本办法自印发之日起施行,有效期五年。",
)


def _units() -> dict[str, OrgUnit]:
    names = set(UNITS.values())
    found = {u.name: u for u in OrgUnit.objects.filter(name__in=names)}
    missing = sorted(names - set(found))
    if missing:
        raise ApplicationError(
            f"单位名录中缺少:{'、'.join(missing)}。请先运行 fazhi demo 载入 core 的单位名录(fazhi/core/data/tianzhen.json)"
        )
    return {code: found[name] for code, name in UNITS.items()}


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise ApplicationError(f"演示账号 {username} 不存在,请先载入 core 的演示数据")
    return user


def _body(title, purpose, scope, duty, law, years, effective: dt.date, issuer: OrgUnit) -> str:
    short = issuer.name.replace("天镇县", "县")
    cited = f"《{law}》"
    return "\n".join(
        [
            f"第一条 为了{purpose},根据{cited}等法律、法规和上级有关规定,结合本县实际,制定本办法。",
            f"第二条 本办法适用于{scope}。",
            f"第三条 {short}负责{duty},具体工作由相关股室承办。",
            "第四条 各乡(镇)人民政府、县直有关部门应当按照职责分工,密切配合,建立信息共享和工作会商机制。",
            "第五条 有关工作应当依法公开,接受社会监督;公民、法人和其他组织可以通过政务服务热线12345提出意见建议。",
            f"第六条 {short}应当每年对本办法的执行情况进行评估,并向县人民政府报告。",
            "第七条 工作人员在执行本办法过程中玩忽职守、滥用职权、徇私舞弊的,依法依规追究责任。",
            f"第八条 本办法由{short}负责解释。",
            f"第九条 本办法自{effective:%Y年%-m月%-d日}起施行,有效期{years}年。",
        ]
    )


def _title(issuer: OrgUnit, inner: str) -> str:
    return f"{issuer.name}关于印发《{inner}》的通知"


@transaction.atomic
def load(stdout) -> None:
    units = _units()
    reviewer, supervisor = _user("li.reviewer"), _user("zhang.supervisor")
    rows = []
    for code, year, serial, inner, purpose, scope, duty, law, published, years in DOCUMENTS:
        issuer = units[code]
        published_on = dt.date.fromisoformat(published)
        effective_on = published_on + dt.timedelta(days=30)
        valid_until = effective_on.replace(year=effective_on.year + years) - dt.timedelta(days=1)
        rows.append(
            RegistryRow(
                source=f"演示{code}{year}-{serial}",
                title=_title(issuer, inner),
                doc_number=f"{code}〔{year}〕{serial}号",
                issuer=issuer.name,
                written_on=published_on - dt.timedelta(days=3),
                published_on=published_on,
                effective_on=effective_on,
                valid_until=valid_until,
                legal_basis=f"《{law}》",
                body=_body(inner, purpose, scope, duty, law, years, effective_on, issuer),
            )
        )
    existing = set(NormativeDocument.objects.values_list("doc_number", flat=True))
    report = services.normdoc_import(
        actor=reviewer, rows=[r for r in rows if r.doc_number not in existing]
    )
    for source, reason in report.failed:
        stdout.write(f"  未登记 {source}:{reason}")
    docs = {
        d.doc_number: d
        for d in NormativeDocument.objects.filter(doc_number__in=[r.doc_number for r in rows])
    }
    for later, kind, earlier in LINKS:
        if not DocumentLink.objects.filter(
            source=docs[later], target=docs[earlier], kind=kind
        ).exists():
            services.normdoc_link(
                actor=supervisor, source=docs[later], target=docs[earlier], kind=kind
            )
    _drafts(units)
    _cleanup(supervisor, docs)
    stdout.write(
        f"规范性文件:登记{len(report.created)}件(共{NormativeDocument.objects.count()}件,含草案)"
    )


def _draft(actor, title, issuer, body, *, comment_ago: int, submit_ago: int | None = None):
    """A draft put out for comment `comment_ago` days ago and, with `submit_ago`, sent for
    review; (None, None) when it exists already."""
    if NormativeDocument.objects.filter(title=title).exists():
        return None, None
    today = dates.today()
    draft = services.normdoc_create(actor=actor, title=title, issuer=issuer, body=body)
    services.normdoc_open_comment(
        actor=actor, document=draft, started_on=today - dt.timedelta(days=comment_ago)
    )
    if submit_ago is None:
        return draft, None
    review = services.normdoc_submit_for_review(
        actor=actor, document=draft, submitted_on=today - dt.timedelta(days=submit_ago)
    )
    return draft, review


def _drafts(units: dict[str, OrgUnit]) -> None:
    today = dates.today()
    market, approval, reviewer = (
        _user("zhao.reporter"),
        _user("wang.reporter"),
        _user("li.reviewer"),
    )
    title, body = PLANTED_DRAFT
    _draft(market, title, units["天市监发"], body, comment_ago=45, submit_ago=4)
    _draft(
        approval,
        "关于进一步规范政务服务事项容缺受理的实施意见",
        units["天审批发"],
        "一、根据《优化营商环境条例》,为进一步提高政务服务效率,结合本县实际,提出如下意见。\n"
        "二、对基本条件具备、主要申请材料齐全的事项,可以先行受理,申请人在承诺期限内补齐次要材料。\n"
        "三、县行政审批服务管理局负责容缺受理事项清单的编制和动态调整。\n"
        "四、本意见自公布之日起30日后施行,有效期3年。",
        comment_ago=10,
    )
    draft, review = _draft(
        approval,
        "天镇县行政审批服务管理局关于印发《政务服务帮办代办工作规范》的通知",
        units["天审批发"],
        "第一条 根据《优化营商环境条例》和《山西省优化营商环境条例》,为了提升政务服务便利度,制定本规范。\n"
        "第二条 县政务服务中心设立帮办代办窗口,为企业和群众免费提供帮办代办服务。\n"
        "第三条 县行政审批服务管理局负责帮办代办人员的培训和考核。\n"
        "第四条 本规范自2026年11月1日起施行,有效期5年。",
        comment_ago=100,
        submit_ago=66,
    )
    if review is not None:
        for finding in review.findings.all():
            services.review_finding_set(
                actor=reviewer,
                finding=finding,
                status=FindingStatus.DISMISSED,
                note="演示:经核实不构成问题",
            )
        services.legality_review_decide(
            actor=reviewer,
            review_row=review,
            opinion=ReviewOpinion.PASS,
            decided_on=today - dt.timedelta(days=58),
        )
        services.normdoc_deliberate(
            actor=approval,
            document=draft,
            meeting="县行政审批服务管理局2026年第9次局务会议",
            deliberated_on=today - dt.timedelta(days=50),
        )
        services.normdoc_publish(
            actor=approval,
            document=draft,
            doc_number="天审批发[2026]15号",
            published_on=today - dt.timedelta(days=45),
            effective_on=today - dt.timedelta(days=14),
            valid_until=today.replace(year=today.year + 5),
        )


def _cleanup(supervisor: User, docs: dict[str, NormativeDocument]) -> None:
    title = "2026年度行政规范性文件集中清理"
    if CleanupRound.objects.filter(title=title).exists():
        return
    cleanup_round = services.cleanup_round_create(
        actor=supervisor, title=title, started_on=dt.date(2026, 9, 1)
    )
    decisions = [
        ("天政办发〔2021〕8号", CleanupDecisionKind.KEEP, ""),
        ("天政办发〔2022〕3号", CleanupDecisionKind.KEEP, ""),
        (
            "天政办发〔2022〕27号",
            CleanupDecisionKind.AMEND,
            "引用的行政处罚法已于2021年修订,相关条款需对应调整",
        ),
        (
            "天应急发〔2021〕6号",
            CleanupDecisionKind.REPEAL,
            "与新修订的《中华人民共和国安全生产法》不一致,已由新的约谈制度替代",
        ),
        ("天民发〔2022〕11号", CleanupDecisionKind.KEEP, ""),
    ]
    for number, decision, reason in decisions:
        services.cleanup_decide(
            actor=supervisor,
            cleanup_round=cleanup_round,
            document=docs[number],
            decision=decision,
            reason=reason,
        )
    services.cleanup_round_publish(
        actor=supervisor, cleanup_round=cleanup_round, published_on=dt.date(2026, 10, 30)
    )
