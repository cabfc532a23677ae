"""Parsing uploaded documents into proposed articles. Never touches the database.

One document (.txt, .md, .html, .docx; a .zip of them) becomes a ``Proposal``:
title, lead, body with its structure, date, authors with positions, source and
original URL, kind and disclaimer, proposed themes, the lines removed as junk,
plus warnings for what could not be decided. Bad input raises
``DocumentError`` with a Russian message naming the file.

``formats`` reads bytes into text blocks, ``recognisers`` tells what each
line of the head and tail is, ``proposal`` assembles the result.
"""

from .dates import parse_date
from .errors import DocumentError
from .formats import (
    DOCUMENT_EXTENSIONS,
    MAX_DOCX_PARAGRAPHS,
    MAX_DOCX_XML_BYTES,
    MAX_FILE_BYTES,
    MAX_ZIP_FILES,
    MAX_ZIP_TOTAL_BYTES,
    UPLOAD_EXTENSIONS,
    SkippedMember,
    expand_upload,
    read_document,
)
from .names import parse_authors
from .proposal import TITLE_MAX_LENGTH, Proposal, parse_document, parse_text

__all__ = [
    "DOCUMENT_EXTENSIONS",
    "MAX_DOCX_PARAGRAPHS",
    "MAX_DOCX_XML_BYTES",
    "MAX_FILE_BYTES",
    "MAX_ZIP_FILES",
    "MAX_ZIP_TOTAL_BYTES",
    "TITLE_MAX_LENGTH",
    "UPLOAD_EXTENSIONS",
    "DocumentError",
    "Proposal",
    "SkippedMember",
    "expand_upload",
    "parse_authors",
    "parse_date",
    "parse_document",
    "parse_text",
    "read_document",
]
