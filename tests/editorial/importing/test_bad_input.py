"""Bad input refused while parsing, within limits: each a Russian message naming the file."""

import io
import tracemalloc
import zipfile

import docx
import pytest

from editorial.importing import MAX_DOCX_PARAGRAPHS, DocumentError, expand_upload, parse_document


def docx_with_body(body_xml):
    """A valid .docx whose word/document.xml body is ``body_xml`` (bytes)."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                head, _, _ = data.partition(b"<w:body>")
                data = head + b"<w:body>" + body_xml + b"</w:body></w:document>"
            target.writestr(info.filename, data)
    return out.getvalue()


def test_a_docx_expanding_to_gigabytes_is_refused_before_parsing():
    # 40 MB of XML in a few dozen KB; the limit is checked on what really comes out, not the header.
    data = docx_with_body(b"<w:p><w:r><w:t>" + b"a" * (40 * 2**20) + b"</w:t></w:r></w:p>")
    assert len(data) < 200_000
    tracemalloc.start()
    with pytest.raises(DocumentError, match=r"bomb\.docx: текст документа Word больше 25 МБ"):
        parse_document("bomb.docx", data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 30 * 2**20


def test_a_docx_with_a_million_paragraphs_is_refused():
    data = docx_with_body(b"<w:p/>" * 1_000_000)
    assert len(data) < 100_000
    with pytest.raises(
        DocumentError, match=f"many.docx: в документе Word больше {MAX_DOCX_PARAGRAPHS:,}".replace(",", " ")
    ):
        parse_document("many.docx", data)


def test_a_docx_just_under_the_paragraph_limit_is_read():
    body = b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % i for i in range(1000))
    p = parse_document("ok.docx", docx_with_body(b"<w:p><w:r><w:t>Title</w:t></w:r></w:p>" + body))
    assert p.title == "Title" and len(p.paragraphs) == 999  # one became the lead


def test_a_zip_bomb_member_is_skipped_and_the_rest_imported():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", b"a" * (6 * 2**20))
        archive.writestr("ok.txt", "Заголовок\nТекст.\nЕщё.".encode())
    members = expand_upload("b.zip", buffer.getvalue())
    with pytest.raises(DocumentError, match=r"b\.zip/big\.txt: пропущен — файл больше 5 МБ"):
        parse_document(*members[0])
    assert parse_document(*members[1]).title == "Заголовок"


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("latin.txt", bytes(range(128, 256)) * 4 + b"\x81\x98", "кодировку"),
        ("evil.zip", None, "за его пределами"),
        ("fake.docx", b"PK\x05\x06" + b"\x00" * 18, "повреждён"),
    ],
)
def test_unreadable_input(filename, data, message):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("../../etc/passwd.txt", b"x")
        data = buffer.getvalue()
    with pytest.raises(DocumentError) as error:
        for name, content in expand_upload(filename, data):
            parse_document(name, content)
    assert filename in str(error.value) and message in str(error.value)
