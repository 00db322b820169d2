from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    COUNTY_PARTY_COMMITTEE = "county_party_committee", _("县委")
    COUNTY_GOVERNMENT = "county_government", _("县人民政府")
    PARTY_BODY = "party_body", _("党委部门")
    PEOPLE_CONGRESS = "people_congress", _("人大机关")
    CPPCC = "cppcc", _("政协机关")
    GOVERNMENT_OFFICE = "government_office", _("政府办公室")
    GOVERNMENT_DEPARTMENT = "government_department", _("政府部门")
    TOWNSHIP_GOVERNMENT = "township_government", _("乡(镇)人民政府")
    TOWNSHIP_PARTY_COMMITTEE = "township_party_committee", _("乡(镇)党委")
    COURT = "court", _("人民法院")
    PROCURATORATE = "procuratorate", _("人民检察院")
    PEOPLE_GROUP = "people_group", _("人民团体")
    BANK_BRANCH = "bank_branch", _("金融机构")
    PUBLIC_INSTITUTION = "public_institution", _("事业单位")


class Role(models.TextChoices):
    SUPERVISOR = "supervisor", _("依法治县办(监督)")
    REPORTER = "reporter", _("单位填报员")
    REVIEWER = "reviewer", _("合法性审核员")
    OFFICER = "officer", _("执法人员")
    LEADER = "leader", _("领导(只读)")
