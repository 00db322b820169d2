"""The verifiable random draw (双随机抽取). Pure: no Django import. See docs/adr/0003-verifiable-draw.md.

Algorithm "HMAC-SHA256-rank/v1":
1. The canonical target list is the targets' identifiers (统一社会信用代码), unique, sorted by
   their UTF-8 bytes, each followed by one "\\n", encoded in UTF-8. Its SM3 and SHA-256 are
   published before the draw.
2. The seed is 32 random bytes written as 64 lowercase hex digits. Before the draw only the
   commitment SHA-256(seed as ASCII) is published; the seed is revealed when the draw is run.
3. Each target's score is HMAC-SHA256(key = the 32 seed bytes, message = identifier in UTF-8),
   as 64 lowercase hex digits. Targets are ranked by (score, identifier) ascending.
4. The sample size is ceil(n × ratio / 10000), with the ratio in basis points (5% = 500),
   at least 1 when n > 0 and the ratio is positive, at most n.
5. The selection is the first k of the ranking, printed one per line as
   "rank<TAB>identifier<TAB>score\\n" (rank from 1), in UTF-8; its SHA-256 is published.

Only the standard library is used, so anyone can re-implement it in a few lines.

"HMAC-SHA256-rank/v2" (ADR 0003, amendment 1) keeps steps 1–5 byte for byte and changes only
how inspectors are assigned to the drawn targets (`assignment.py`). Every draw records its
algorithm; a draw is revealed and verified by the algorithm it recorded.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import operator
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

V1 = "HMAC-SHA256-rank/v1"
V2 = "HMAC-SHA256-rank/v2"
ALGORITHMS = (V1, V2)
ALGORITHM = V2  # what a new draw records
SEED_BYTES = 32
_WHITESPACE = re.compile(r"\s")
# Whitespace other than the line ends that separate identifiers in a joined list.
_INNER_WHITESPACE = re.compile(r"[^\S\n]")


class DrawError(ValueError):
    pass


@dataclass(frozen=True)
class Selected:
    rank: int
    target_id: str
    score: str


def check_algorithm(name: str) -> None:
    if name not in ALGORITHMS:
        raise DrawError(f"未知的抽取算法:{name!r}")


def _check_identifier(ident: str) -> None:
    if not ident or _WHITESPACE.search(ident):
        raise DrawError(f"检查对象标识不能为空或含空白字符:{ident!r}")


def _check_identifiers(ids: Sequence[str], joined: str) -> None:
    """Every identifier non-empty and free of whitespace; `joined` is `"\n".join(ids)`.

    One regex pass over the joined text answers for a million identifiers; only a list that
    fails it is walked one by one, to name the first bad identifier.
    """
    if "" in ids or joined.count("\n") != max(len(ids) - 1, 0) or _INNER_WHITESPACE.search(joined):
        for ident in ids:
            _check_identifier(ident)


def _strictly_ascending(ids: Sequence[str] | Sequence[bytes]) -> bool:
    return all(map(operator.lt, ids, islice(ids, 1, None)))


def canonical_target_list(identifiers: Iterable[str]) -> bytes:
    ids = list(identifiers)
    _check_identifiers(ids, "\n".join(ids))
    # UTF-8 byte order equals code-point order, which is how Python compares str. A list read
    # in index order is usually sorted already: one linear check then replaces the sort.
    if not _strictly_ascending(ids):
        unique = sorted(set(ids))
        if len(unique) != len(ids):
            raise DrawError("检查对象名单中有重复的标识")
        ids = unique
    return ("\n".join(ids) + "\n").encode("utf-8") if ids else b""


def parse_target_list(data: bytes) -> list[str]:
    """Read a published list; refuse anything that is not exactly canonical."""
    if data.isascii():
        return [line.decode("ascii") for line in target_lines(data)]
    return _parse_text(data)


def _parse_text(data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DrawError("名单文件不是 UTF-8 编码") from exc
    if text and not text.endswith("\n"):
        raise DrawError("名单文件最后一行必须以换行结束")
    ids = text.split("\n")[:-1] if text else []
    _check_identifiers(ids, text[:-1])
    if not _strictly_ascending(ids):
        raise DrawError(_NOT_CANONICAL)
    return ids


_NOT_CANONICAL = "名单文件不是规范格式(须去重、按 UTF-8 字节升序、每行一个标识)"
# The ASCII characters other than "\n" that `str.isspace` (and the regex `\s`) call whitespace.
_ASCII_SPACE = b" \t\r\x0b\x0c\x1c\x1d\x1e\x1f"


def target_lines(data: bytes) -> list[bytes]:
    """The identifiers of a published list as their UTF-8 bytes, refusing exactly what
    `parse_target_list` refuses. An ASCII list (统一社会信用代码 are) is checked on its bytes,
    without decoding a million strings; any other goes through the text."""
    if not data.isascii():
        return [ident.encode("utf-8") for ident in _parse_text(data)]
    if data and not data.endswith(b"\n"):
        raise DrawError("名单文件最后一行必须以换行结束")
    lines = data.split(b"\n")[:-1] if data else []
    if b"" in lines or len(data.translate(None, _ASCII_SPACE)) != len(data):
        _parse_text(data)  # names the first bad identifier
    if not _strictly_ascending(lines):
        raise DrawError(_NOT_CANONICAL)
    return lines


def list_hashes(data: bytes) -> tuple[str, str]:
    """(SM3, SHA-256) of the canonical list, lowercase hex."""
    return hashlib.new("sm3", data).hexdigest(), hashlib.sha256(data).hexdigest()


def new_seed() -> str:
    return secrets.token_hex(SEED_BYTES)


def check_seed(seed_hex: str) -> bytes:
    if len(seed_hex) != SEED_BYTES * 2 or seed_hex != seed_hex.lower():
        raise DrawError("种子必须是 64 位小写十六进制数")
    try:
        return bytes.fromhex(seed_hex)
    except ValueError as exc:
        raise DrawError("种子必须是 64 位小写十六进制数") from exc


def commitment(seed_hex: str) -> str:
    check_seed(seed_hex)
    return hashlib.sha256(seed_hex.encode("ascii")).hexdigest()


def sample_size(n: int, ratio_bp: int) -> int:
    if not 0 <= ratio_bp <= 10000:
        raise DrawError("抽查比例必须在 0 到 100% 之间")
    if n == 0 or ratio_bp == 0:
        return 0
    return min(n, max(1, -(-n * ratio_bp // 10000)))


def score(key: bytes, target_id: str) -> str:
    return hmac.digest(key, target_id.encode("utf-8"), "sha256").hex()


def hmac_sha256_states(key: bytes):
    """The inner and outer SHA-256 states of HMAC-SHA256 after the padded key (RFC 2104):
    copying them per message is 2–3× faster than `hmac.digest`."""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    block = key.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))
    return inner, outer


def _keyed_sha256(key: bytes):
    inner, outer = hmac_sha256_states(key)

    def mac(message: bytes) -> bytes:
        i = inner.copy()
        i.update(message)
        o = outer.copy()
        o.update(i.digest())
        return o.digest()

    return mac


def _score_bound(n: int, k: int) -> bytes | None:
    """A raw score below which at least k of n uniform scores fall, all but certainly.

    The count below the bound is binomial with mean k + margin; a margin of 8 standard
    deviations (plus 64) makes a shortfall far rarer than 1 in 10¹⁵, and a shortfall only
    costs a second pass over every score. None: the bound would admit (nearly) all.
    """
    wanted = k + 8 * math.isqrt(k) + 64
    if wanted * 2 >= n:
        return None
    return (wanted * 2**64 // n).to_bytes(8, "big") + bytes(24)


def run(sorted_ids: list[str], seed_hex: str, ratio_bp: int) -> list[Selected]:
    return run_lines([ident.encode("utf-8") for ident in sorted_ids], seed_hex, ratio_bp)


def run_lines(lines: list[bytes], seed_hex: str, ratio_bp: int) -> list[Selected]:
    """The draw over the identifiers as UTF-8 bytes (`target_lines`); the same as `run`."""
    key = check_seed(seed_hex)
    k = sample_size(len(lines), ratio_bp)
    if k == 0:
        return []
    mac = _keyed_sha256(key)
    # Raw digests order exactly as their hex forms, and UTF-8 bytes as their strings; hex and
    # text are computed for the k drawn only. Scores at or above the bound rank after every
    # score below it, so ranking only the scores below it gives the same first k whenever
    # there are at least k of them.
    bound = _score_bound(len(lines), k)
    ranked = []
    if bound is not None:
        ranked = [(raw, ident) for ident in lines if (raw := mac(ident)) < bound]
    if len(ranked) < k:
        ranked = [(mac(ident), ident) for ident in lines]
    ranked.sort()
    return [
        Selected(rank, ident.decode("utf-8"), raw.hex())
        for rank, (raw, ident) in enumerate(ranked[:k], 1)
    ]


def render(selection: Iterable[Selected]) -> bytes:
    return "".join(f"{s.rank}\t{s.target_id}\t{s.score}\n" for s in selection).encode("utf-8")


def selection_hash(rendered: bytes) -> str:
    return hashlib.sha256(rendered).hexdigest()
