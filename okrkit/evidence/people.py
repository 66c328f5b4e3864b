"""Who is who: a user id, a phone number or a name (any of them) names one team.

DingTalk exports the rep's name (张伟), WeCom the user id (zhangwei), a CRM
the owner's name or phone. Keys are compared folded: full-width letters and
digits as half-width, case ignored, spaces and dashes dropped, a +86 prefix
dropped from a mobile number, so ``138-0000-0001`` and ``+8613800000001``
are one person. The same SQL expression folds the records' side.
"""

from __future__ import annotations

import re
import unicodedata

from okrkit.errors import ProblemLog

# DuckDB's side of fold_key (translate() folds full-width digits and letters).
FULL = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ＋　"
HALF = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+ "


def fold_key(text) -> str:
    """A person key as compared."""
    key = unicodedata.normalize("NFKC", str(text)).lower()
    key = re.sub(r"[\s\-]", "", key)
    return re.sub(r"^\+?86(1\d{10})$", r"\1", key)


def fold_key_sql(expr: str) -> str:
    """The SQL of :func:`fold_key` applied to a text expression."""
    folded = f"regexp_replace(lower(translate({expr}, '{FULL}', '{HALF}')), '[\\s\\-]', '', 'g')"
    return f"regexp_replace({folded}, '^\\+?86(1\\d{{10}})$', '\\1')"


def register_people(con, config, log: ProblemLog) -> None:
    """The ``people`` table (key -> team); one key naming two teams is a located problem."""
    teams: dict[str, str] = {}
    for person in config.people:
        for raw in person.keys:
            key = fold_key(raw)
            if teams.setdefault(key, person.team) != person.team:
                log.add(config.file, "evidence.people", f"{raw!r} names two teams",
                        found=f"{teams[key]}, {person.team}", expected="each name, id or phone for one person",
                        zh=f"{raw!r} 对应了两个团队", expected_zh="每个姓名、id 或电话只对应一人")  # fmt: skip
    # Two lists into DuckDB directly: registering an Arrow table made DuckDB import
    # pandas (half a second before the first record was read).
    con.execute(
        "CREATE OR REPLACE TABLE people AS SELECT unnest(?::VARCHAR[]) AS key, "
        "unnest(?::VARCHAR[]) AS team",
        [list(teams), list(teams.values())],
    )
