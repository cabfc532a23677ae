"""The one error a document can raise: it cannot be imported, and the message says why."""


class DocumentError(Exception):
    """A document that cannot be imported; the message says why, in Russian, naming the file."""
