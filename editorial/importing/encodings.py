"""Decoding text files as Russian and Kazakh newsrooms save them, never into silent mojibake.

UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as they are.
Otherwise each candidate single-byte Cyrillic encoding is tried strictly and
scored by how Russian the result looks (lowercase Cyrillic letters dominate
real text; the wrong code page turns them into capitals or symbols). A file
whose lines are in different encodings is read line by line, with a warning.
UTF-8 text that was itself decoded wrongly once (``РџСЂРёРІРµС‚``) is repaired,
with a warning.
"""

import re

from .errors import DocumentError

CANDIDATES = (("cp1251", "Windows-1251"), ("koi8-r", "KOI8-R"), ("cp866", "DOS (CP866)"))
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LOWER_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]")
_MOJIBAKE = re.compile(r"[РС][\u0080-\u00bf\u0400-\u045f\u2018-\u203a]")  # «Р°», «С‚»: UTF-8 read as cp1251


def plausibility(text):
    """Share of Cyrillic letters that are lowercase Russian or Kazakh ones, minus a penalty for
    control and box-drawing characters."""
    letters = len(_CYRILLIC.findall(text))
    if not letters:
        return 0.5 if text.isascii() else 0.0
    lower = len(_LOWER_CYRILLIC.findall(text))
    odd = sum(1 for ch in text if ("\u2500" <= ch <= "\u259f") or (ord(ch) < 32 and ch not in "\r\n\t"))
    return lower / letters - 5 * odd / max(len(text), 1)


def _best_single_byte(data):
    best = None
    for codec, label in CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, label)
    return best


def decode(filename, data):
    """``(text, warnings)`` of a text file; raises ``DocumentError`` when it is not text."""
    if not data.strip():
        raise DocumentError(f"{filename}: файл пуст.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM (Word's «Unicode text»)
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise DocumentError(f"{filename}: повреждённый текст в UTF-16.") from error
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{filename}: это не текстовый файл.")
    try:
        return _repair_double_encoding(filename, data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    utf8_lines = sum(1 for line in lines if not line.isascii() and _is_utf8(line))
    if utf8_lines:
        return _decode_mixed(filename, lines)
    best = _best_single_byte(data)
    if best is None or best[0] < 0.6:
        raise DocumentError(f"{filename}: не удалось определить кодировку (ожидается UTF-8, Windows-1251 или KOI8-R).")
    _score, text, label = best
    warnings = [] if label == "Windows-1251" else [f"Текст в кодировке {label}: проверьте, что он прочитан верно."]
    return text, warnings


def _is_utf8(line):
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_mixed(filename, lines):
    out, legacy = [], []
    for number, line in enumerate(lines, 1):
        if _is_utf8(line):
            out.append(line.decode("utf-8-sig" if number == 1 else "utf-8"))
            continue
        best = _best_single_byte(line)
        if best is None:
            raise DocumentError(f"{filename}: не удалось определить кодировку строки {number}.")
        out.append(best[1])
        legacy.append((number, best[2]))
    labels = sorted({label for _, label in legacy})
    shown = ", ".join(str(number) for number, _ in legacy[:5]) + ("…" if len(legacy) > 5 else "")
    warning = (
        f"В файле смешаны кодировки: строки {shown} прочитаны как {', '.join(labels)}, "
        "остальные как UTF-8 — проверьте текст."
    )
    return "\n".join(out), [warning]


def _repair_double_encoding(filename, text):
    if text.count("Р") + text.count("С") < len(text) // 20:  # mojibake is mostly «Р» and «С»
        return text, []
    cyrillic = len(_CYRILLIC.findall(text))
    if not cyrillic or len(_MOJIBAKE.findall(text)) < cyrillic * 0.3:
        return text, []
    try:
        repaired = text.encode("cp1251").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text, [f"{filename}: текст похож на испорченную кодировку («{text.strip()[:30]}…») — проверьте его."]
    return repaired, ["Текст был дважды перекодирован (UTF-8 прочитан как Windows-1251): исправлено, проверьте."]
