"""Sample data of the demo server: agents, Guangzhou projects, packages and their phones.

Everything is deterministic (seeded) so that tests and training sessions see the same
numbers every time. Project dates are relative to the day the data is built, so some
projects are always 在推 and some are always outside their dates. The phones of a
package are not stored: phone ``i`` of a package is computed on demand, so a package
of thousands of phones costs nothing until it is called.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

DEFAULT_SEED = 20140203

# Mobile number prefixes of the three mainland carriers (all match 1[3-9]x).
_PREFIXES = (
    "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158",
    "159", "178", "182", "183", "187", "188", "130", "131", "132", "155", "156", "166",
    "175", "176", "185", "186", "133", "153", "173", "177", "180", "181", "189", "199",
)  # fmt: skip
# An odd multiplier not divisible by 5 is a bijection of the 8-digit suffixes, so the
# numbers of one server never repeat while they look random.
_SUFFIX_MULTIPLIER = 7_919_113
_SUFFIX_SPACE = 10**8

_SURNAMES = (
    "李王张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶"
    "蒋杜苏魏程吕丁沈任姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛段雷黎史"
    "龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔"
)
_COMPOUND_SURNAMES = ("欧阳", "司徒", "上官", "诸葛")
_GIVEN_NAMES = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "霞", "平", "刚", "斌", "颖", "慧", "琳", "志强", "嘉欣", "俊杰", "婉婷",
    "子轩", "浩然", "晓燕", "丽华", "建华", "国强", "秀英", "桂英", "海燕", "文杰", "丽萍",
    "少华", "振华", "淑贞", "锦荣", "家豪", "咏诗", "卓麟", "佩玲", "伟明", "泽楷", "思颖",
)  # fmt: skip


@dataclass(frozen=True)
class DemoUser:
    """An agent account: 工号 and password, the id and name login answers, and a status."""

    user_id: int
    user_num: str
    pwd: str
    user_name: str
    status: str  # "活动" is active; anything else blocks new phones in the client


@dataclass(frozen=True)
class DemoPhone:
    phone_id: int
    phone_no: str
    owner_name: str


@dataclass(frozen=True)
class DemoPackage:
    """A package of ``size`` phones whose ids are ``first_phone_id`` and up."""

    package_id: int
    package_name: str
    size: int
    first_phone_id: int
    seed: int

    def phone(self, index: int) -> DemoPhone:
        """Phone ``index`` (0-based) of the package, the same every time."""
        if not 0 <= index < self.size:
            raise IndexError(index)
        phone_id = self.first_phone_id + index
        rng = random.Random(self.seed * 1_000_003 + phone_id)
        suffix = (phone_id * _SUFFIX_MULTIPLIER + self.seed) % _SUFFIX_SPACE
        return DemoPhone(phone_id, f"{rng.choice(_PREFIXES)}{suffix:08d}", _owner_name(rng))


@dataclass(frozen=True)
class DemoProject:
    pro_id: int
    pro_name: str
    start_date: dt.date | None
    end_date: dt.date | None
    packages: tuple[DemoPackage, ...]

    def has_ended(self, today: dt.date) -> bool:
        """Past its end date: the server then refuses its packages (联动项目已删除、或者过期)."""
        return self.end_date is not None and today > self.end_date

    def is_current(self, today: dt.date) -> bool:
        """在推 today: started, and not ended (an open end counts as still running)."""
        started = self.start_date is None or self.start_date <= today
        return started and not self.has_ended(today)


@dataclass(frozen=True)
class DemoData:
    """Everything the demo server answers from; build it with ``DemoData.default()``."""

    users: tuple[DemoUser, ...]
    projects: tuple[DemoProject, ...]
    callback_items: tuple[str, ...]
    customer_types: tuple[tuple[str, str], ...]  # (name, value)
    gender_types: tuple[tuple[str, str], ...]  # (name, value)

    @classmethod
    def default(cls, today: dt.date | None = None, seed: int = DEFAULT_SEED) -> DemoData:
        return _build(today or dt.date.today(), seed)

    def user_by_id(self, user_id: int) -> DemoUser | None:
        return next((u for u in self.users if u.user_id == user_id), None)

    def user_by_num(self, user_num: str) -> DemoUser | None:
        return next((u for u in self.users if u.user_num == user_num), None)

    def project(self, pro_id: int) -> DemoProject | None:
        return next((p for p in self.projects if p.pro_id == pro_id), None)

    def package(self, package_id: int) -> tuple[DemoProject, DemoPackage] | None:
        """A package and the project it belongs to."""
        for project in self.projects:
            for package in project.packages:
                if package.package_id == package_id:
                    return project, package
        return None


def _owner_name(rng: random.Random) -> str:
    """李先生 / 陈女士 for about half of the owners, a full name for the others."""
    surname = rng.choice(_COMPOUND_SURNAMES) if rng.random() < 0.02 else rng.choice(_SURNAMES)
    if rng.random() < 0.45:
        return surname + rng.choice(("先生", "女士"))
    return surname + rng.choice(_GIVEN_NAMES)


# (name, days from today to the start, days from today to the end or None for an open
# end, package names). The package names ending in "*" are tiny (a few phones).
_PROJECTS: tuple[tuple[str, int, int | None, tuple[str, ...]], ...] = (
    ("万科东荟城", -120, 90, ("VIP 客户", "老业主转介", "展会登记", "样板间回访*")),
    ("星汇云锦", -60, 150, ("VIP 客户", "网络来电登记")),
    ("保利天悦", -200, None, ("老业主转介", "车展客户", "商圈派单")),
    ("越秀星汇海珠湾", -30, 200, ("广交会登记", "VIP 客户", "银行高端客户")),
    ("合景天峻", -10, 45, ("展会登记", "老业主转介")),
    ("中海花湾壹号", -400, -35, ("VIP 客户", "展会登记")),
    ("富力天海湾", 40, 300, ("预约登记", "老业主转介")),
    ("碧桂园凤凰城", -900, -500, ("老业主转介", "商圈派单", "网络来电登记")),
)

TINY_PACKAGE_SIZE = 5


def _build(today: dt.date, seed: int) -> DemoData:
    rng = random.Random(seed)
    projects: list[DemoProject] = []
    package_id = 467  # the ids of the original document's examples
    next_phone_id = 100_001
    for offset, (name, start, end, package_names) in enumerate(_PROJECTS):
        packages: list[DemoPackage] = []
        for package_name in package_names:
            tiny = package_name.endswith("*")
            size = TINY_PACKAGE_SIZE if tiny else rng.choice((1800, 2400, 3000, 3000))
            packages.append(DemoPackage(package_id, package_name.rstrip("*"), size, next_phone_id, seed))
            package_id += rng.choice((1, 2, 3, 5))
            next_phone_id += size
        projects.append(
            DemoProject(
                pro_id=141 + offset * 7,
                pro_name=name,
                start_date=today + dt.timedelta(days=start),
                end_date=None if end is None else today + dt.timedelta(days=end),
                packages=tuple(packages),
            )
        )
    return DemoData(
        users=(
            DemoUser(29, "00006", "888", "冯依敏", "活动"),
            DemoUser(30, "00007", "888", "陈嘉欣", "活动"),
            DemoUser(31, "00008", "888", "黄志强", "离职"),
            DemoUser(32, "A0012", "888", "梁咏诗", "活动"),
        ),
        projects=tuple(projects),
        callback_items=("接受邀请", "继续跟进", "无人接听", "拒绝", "空号错号", "已购房", "关机停机"),
        customer_types=(("一般客", "01"), ("观望客", "02"), ("重要客", "03")),
        gender_types=(("--", "U"), ("女", "W"), ("男", "M")),
    )
